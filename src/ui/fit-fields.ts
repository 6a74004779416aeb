// Laying `label: value` fields out for a terminal's width: as many to a line as fit, ` · `
// between them, a break only between fields (or, for a field wider than the line, between
// its label and its value), so an ID is never cut in two.

export interface Field {
  label: string;
  value: string;
}

export interface FieldStyle {
  dim(text: string): string;
}

/** Lines of fields within `width` columns (no limit when null), each line's fields joined by ` · `. */
export function fitFields(fields: readonly Field[], width: number | null, style: FieldStyle): string[] {
  const sep = ' · ';
  const lines: string[] = [];
  let line = '';
  let plain = 0;
  const flush = () => {
    if (plain > 0) lines.push(line);
    line = '';
    plain = 0;
  };
  for (const { label, value } of fields) {
    const length = label.length + 2 + value.length;
    if (width !== null && plain > 0 && plain + sep.length + length > width) flush();
    if (width !== null && plain === 0 && length > width) {
      // Too wide even alone: the value goes on a line of its own, indented, where it is cut only if it must be.
      lines.push(style.dim(`${label}:`));
      line = `  ${value}`;
      plain = 2 + value.length;
      continue;
    }
    line += `${plain > 0 ? style.dim(sep) : ''}${style.dim(`${label}:`)} ${value}`;
    plain += (plain > 0 ? sep.length : 0) + length;
  }
  flush();
  return lines;
}
