// A strict little INI parser for ~/.alibabacloud/credentials: `[section]`, `key = value`,
// whole-line `;`/`#` comments. Errors name the line but never repeat its text.
import { ConfigError } from '../errors.js';

/** Sections in file order, each a map of keys; keys before the first section are ignored. */
export type IniSections = Map<string, Map<string, string>>;

function unquote(value: string): string {
  const first = value[0];
  if (value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first)) return value.slice(1, -1);
  return value;
}

/** Parses INI text; a line that is neither a section, a `key = value` nor a comment is a ConfigError. */
export function parseIni(text: string, display: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const section = /^\[([^\]]*)\]$/.exec(line);
    if (section) {
      const name = (section[1] ?? '').trim();
      if (name === '') throw new ConfigError(`${display}, line ${index + 1}: empty section name`, { code: 'MalformedConfig' });
      // Repeated sections merge, as in the `ini` package that the official SDK uses.
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const equals = line.indexOf('=');
    const key = equals > 0 ? line.slice(0, equals).trim() : '';
    if (key === '') {
      throw new ConfigError(`${display}, line ${index + 1}: expected "[section]" or "key = value"`, {
        code: 'MalformedConfig',
      });
    }
    current?.set(key, unquote(line.slice(equals + 1).trim()));
  }
  return sections;
}
