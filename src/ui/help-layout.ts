// Laying help text out for a terminal of a given width, purely: words are wrapped at spaces,
// never cut; a two-column item whose description would be too narrow goes below its term;
// a shell example too long for a line goes on over several, joined by ` \`.

/** A description column narrower than this reads badly: below it, the description goes under its term. */
const MIN_DESCRIPTION_WIDTH = 24;
const ITEM_INDENT = 2;
const TERM_SPACER = 2;
/** How far a description sits under its term when the two do not fit side by side. */
const STACKED_INDENT = 6;
/** How far the lines an example goes on over are indented. */
const CONTINUATION_INDENT = 4;

/** Text wrapped at spaces to `width` columns; a word longer than the width stays whole on its own line. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ').filter((w) => w !== '')) {
      if (line === '') line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * One term and its description, commander-style: side by side with the description wrapped
 * in its column when the column is wide enough, else the description wrapped below the term.
 */
export function layoutItem(term: string, termWidth: number, description: string, width: number): string {
  const indent = ' '.repeat(ITEM_INDENT);
  if (description === '') return `${indent}${term}`;
  const column = width - ITEM_INDENT - termWidth - TERM_SPACER;
  if (column >= MIN_DESCRIPTION_WIDTH) {
    const [first = '', ...rest] = wrapWords(description, column);
    const pad = ' '.repeat(ITEM_INDENT + termWidth + TERM_SPACER);
    return [`${indent}${term.padEnd(termWidth)}${' '.repeat(TERM_SPACER)}${first}`, ...rest.map((line) => `${pad}${line}`)].join('\n');
  }
  const under = ' '.repeat(STACKED_INDENT);
  return [`${indent}${term}`, ...wrapWords(description, width - STACKED_INDENT).map((line) => `${under}${line}`)].join('\n');
}

/** Pure: a shell command's words, quotes kept with the word they belong to. */
export function shellWords(command: string): string[] {
  return command.match(/(?:[^\s'"]+|'[^']*'|"(?:[^"\\]|\\.)*")+/g) ?? [];
}

/**
 * A shell example as help shows it: its comment, if any, as a `# …` line above it, then
 * `  $ command`; a command too long for a line is broken between words with ` \` (which a
 * shell reads as one line), so that it still works when copied.
 */
export function layoutExample(command: string, comment: string | undefined, width: number): string {
  const indent = ' '.repeat(ITEM_INDENT);
  const lines = comment ? wrapWords(comment, width - ITEM_INDENT - 2).map((line) => `${indent}# ${line}`) : [];
  const continuation = ' '.repeat(CONTINUATION_INDENT);
  let line = `${indent}$`;
  const words = shellWords(command);
  for (const [index, word] of words.entries()) {
    // Room for the word and, unless it ends the command, the ` \` that may follow it.
    const after = index === words.length - 1 ? 0 : 2;
    if (line.trim() !== '$' && line.length + 1 + word.length + after > width) {
      lines.push(`${line} \\`);
      line = `${continuation}${word}`;
    } else line += ` ${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}

/** A paragraph of help, wrapped to the width. */
export function layoutParagraph(text: string, width: number): string {
  return wrapWords(text, width).join('\n');
}

/**
 * Lines longer than the width, wrapped at spaces; a continuation is indented past the
 * line's own indentation (and past a leading `Usage:`). For text commander laid out itself.
 */
export function fitLines(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= width) return line;
      const indent = /^(\s*(?:Usage: )?)/.exec(line)?.[1] ?? '';
      const hanging = ' '.repeat(indent.length + (indent.trim() === '' ? 2 : 0));
      const [first = '', ...rest] = wrapWords(line.slice(indent.length), width - hanging.length);
      return [`${indent}${first}`, ...rest.map((part) => `${hanging}${part}`)].join('\n');
    })
    .join('\n');
}
