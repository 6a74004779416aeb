import { describe, expect, it } from 'vitest';
import { chooseApi } from '../../../src/fc/api-choice.js';
import { UsageError } from '../../../src/errors.js';

describe('chooseApi: which API, and the names as it reads them', () => {
  it.each([
    [['fn'], undefined, '2023-03-30', undefined, 'fn'],
    [['fn:prod'], undefined, '2023-03-30', undefined, 'fn:prod'],
    [['svc$fn'], undefined, '2023-03-30', undefined, 'svc$fn'],
    [['svc', 'fn'], undefined, '2016-08-15', 'svc', 'fn'],
    [['svc.prod', 'fn'], undefined, '2016-08-15', 'svc.prod', 'fn'],
    [['svc', 'fn'], '2023-03-30', '2023-03-30', 'svc', 'fn'],
    [['fn'], '2023-03-30', '2023-03-30', undefined, 'fn'],
    [['svc', 'fn'], '2016-08-15', '2016-08-15', 'svc', 'fn'],
  ])('%j forced to %s: %s', (names, forced, version, service, functionArg) => {
    const choice = chooseApi(names, forced === undefined ? undefined : { version: forced, source: '--api-version' });
    expect([choice.api.version, choice.service, choice.functionArg]).toEqual([version, service, functionArg]);
  });

  it('forced to 2023-03-30, a service and a function resolve to the migrated service$function', () => {
    const choice = chooseApi(['svc.prod', 'fn'], { version: '2023-03-30', source: 'FCINVOKE_API_VERSION' });
    expect(choice.api.resolveTarget(choice.service, choice.functionArg)).toEqual({ service: undefined, functionName: 'svc$fn', qualifier: 'prod' });
  });

  it('forced to 2016-08-15, a lone function is a usage error naming the source and the form', () => {
    const attempt = () => chooseApi(['fn'], { version: '2016-08-15', source: 'apiVersion in ~/p/.fcinvokerc.json' }, 'fcinvoke run <service> <function>');
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(
      'an FC 2.0 function needs its service: apiVersion in ~/p/.fcinvokerc.json says 2016-08-15, so give fcinvoke run <service> <function>; without it, "fn" alone names an FC 3.0 function',
    );
  });

  it('an unknown forced version is a usage error; no names or three are a bug', () => {
    expect(() => chooseApi(['fn'], { version: '2020-01-01', source: 'apiVersion' })).toThrow(/unknown API version "2020-01-01"/);
    expect(() => chooseApi([])).toThrow(RangeError);
    expect(() => chooseApi(['a', 'b', 'c'])).toThrow(RangeError);
  });
});
