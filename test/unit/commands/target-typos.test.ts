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

  it('a function alone (FC 3.0): function.qualifier as function:qualifier', () => {
    expect(suggestTarget(['run', 'hello.prod'])).toBe('did you mean: fcinvoke run hello:prod (an FC 3.0 qualifier follows a colon)');
    expect(suggestTarget(['run', '-e', '{}', 'demo$echo.1', '--json'])).toBe(`did you mean: fcinvoke run -e '{}' 'demo$echo:1' --json (an FC 3.0 qualifier follows a colon)`);
    expect(suggestTarget(['status', 'sleep.LATEST', 'job-1'])).toBe('did you mean: fcinvoke status sleep:LATEST job-1 (an FC 3.0 qualifier follows a colon)');
    expect(suggestTarget(['list', 'hello.prod', '--limit', '5'])).toBe('did you mean: fcinvoke list hello:prod --limit 5 (an FC 3.0 qualifier follows a colon)');
    expect(suggestTarget(['run', 'hello.prod', '--api-version', '2023-03-30'])).toBe(
      'did you mean: fcinvoke run hello:prod --api-version 2023-03-30 (an FC 3.0 qualifier follows a colon)',
    );
  });

  it('no colon form where FC 2.0 is forced or a qualifier is already given', () => {
    expect(suggestTarget(['run', 'hello.prod', '--api-version', '2016-08-15'])).toBeNull();
    expect(suggestTarget(['run', 'hello.prod', '--api-version=2016-08-15'])).toBeNull();
    expect(suggestTarget(['run', 'hello.prod'], '2016-08-15')).toBeNull();
    expect(suggestTarget(['run', 'hello.prod', '--api-version', '2023-03-30'], '2016-08-15')).toBe(
      'did you mean: fcinvoke run hello:prod --api-version 2023-03-30 (an FC 3.0 qualifier follows a colon)',
    );
    expect(suggestTarget(['run', 'hello.prod', '-q', 'prod'])).toBeNull();
    expect(suggestTarget(['run', 'hello.prod', '--qualifier=prod'])).toBeNull();
  });

  it('service/function forced to FC 3.0 still splits: two arguments name the migrated service$function', () => {
    expect(suggestTarget(['run', 'demo/hello', '--api-version', '2023-03-30'])).toBe(
      'did you mean: fcinvoke run demo hello --api-version 2023-03-30 (the service and the function are two arguments)',
    );
    expect(suggestTarget(['run', 'demo/hello'], '2023-03-30')).toBe('did you mean: fcinvoke run demo hello (the service and the function are two arguments)');
  });

  it('nothing for what is no such typo', () => {
    for (const args of [['run', 'demo', 'hello'], ['run', 'demo/hello', 'extra'], ['http', 'demo/web/hello'], ['run', 'a/b/c'], ['config'], [], ['run', 'hello.a.b'], ['run', '9x.prod'], ['status', 'demo', 'hello']]) {
      expect(suggestTarget(args), args.join(' ')).toBeNull();
    }
  });
});
