// "Did you mean" for targets typed as the emulator banner and `list` show them.
import { describe, expect, it } from 'vitest';
import { suggestTarget } from '../../../src/commands/target-typos.js';

describe('suggestTarget', () => {
  it('service/function as two arguments', () => {
    expect(suggestTarget(['run', 'demo/hello'])).toBe('did you mean: fcinvoke run demo hello (the service and the function are two arguments)');
    expect(suggestTarget(['run', '-e', '{"a": 1}', 'demo.prod/hello', '--json'])).toBe(
      `did you mean: fcinvoke run -e '{"a": 1}' demo.prod hello --json (the service and the function are two arguments)`,
    );
    expect(suggestTarget(['status', 'demo/sleep', 'job-1'])).toBe('did you mean: fcinvoke status demo sleep job-1 (the service and the function are two arguments)');
  });

  it('function.qualifier as -q', () => {
    expect(suggestTarget(['run', 'demo', 'hello.prod'])).toBe('did you mean: fcinvoke run demo hello -q prod (a qualifier goes in -q)');
    expect(suggestTarget(['invoke', '--quiet', 'demo', 'hello.1', '-d', 'e.json'])).toBe('did you mean: fcinvoke invoke --quiet demo hello -q 1 -d e.json (a qualifier goes in -q)');
  });

  it('nothing for what is no such typo', () => {
    for (const args of [['run', 'demo', 'hello'], ['run', 'demo/hello', 'extra'], ['http', 'demo/web/hello'], ['run', 'a/b/c'], ['config'], []]) {
      expect(suggestTarget(args), args.join(' ')).toBeNull();
    }
  });
});
