// YAML parsing for config files, with js-yaml loaded only when a YAML file has content.
// Errors give the file and line but never js-yaml's `message`, which quotes the source.
import { ConfigError } from '../errors.js';

interface YamlMark {
  line: number;
  column: number;
}

/** Parses YAML (js-yaml's default schema: no functions, no custom tags), or throws a ConfigError with the line. */
export async function parseYaml(text: string, display: string): Promise<unknown> {
  const yaml = await import('js-yaml');
  try {
    return yaml.load(text, { filename: display });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const mark = (error as { mark?: YamlMark }).mark;
      const where = mark ? `, line ${mark.line + 1}, column ${mark.column + 1}` : '';
      throw new ConfigError(`${display}${where}: invalid YAML: ${error.reason}`, { code: 'MalformedConfig' });
    }
    // Hostile input can exhaust the parser's stack (deep nesting); say so without a trace.
    throw new ConfigError(`${display}: cannot parse this YAML (nested too deeply?)`, { code: 'MalformedConfig' });
  }
}
