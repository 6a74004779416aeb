import { describe, expect, it } from 'vitest';
import { parseFunctionConfig } from '../../../src/emulator/function-config.js';
import { HTTP_TRIGGER_METHODS, parseHttpTriggerConfig } from '../../../src/emulator/http-trigger-config.js';

describe('parseHttpTriggerConfig', () => {
  it('is no trigger without the key', () => {
    expect(parseHttpTriggerConfig(undefined)).toEqual({ ok: true, value: undefined });
    const parsed = parseFunctionConfig({ timeout: 3 });
    expect(parsed.ok && Object.keys(parsed.value)).toEqual(['timeoutSeconds', 'memoryMb', 'handler', 'environmentVariables']);
  });

  it('defaults to function auth and every method, as FC does', () => {
    expect(parseHttpTriggerConfig({})).toEqual({ ok: true, value: { authType: 'function', methods: [...HTTP_TRIGGER_METHODS] } });
    expect(HTTP_TRIGGER_METHODS).toEqual(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS']);
  });

  it('reads authType and methods in any case, once each, and ignores other fields', () => {
    expect(parseHttpTriggerConfig({ authType: 'anonymous', methods: ['get', 'POST', 'Get'], qualifier: 'prod' })).toEqual({
      ok: true,
      value: { authType: 'anonymous', methods: ['GET', 'POST'] },
    });
  });

  it('comes from "httpTrigger" in function.json', () => {
    expect(parseFunctionConfig({ httpTrigger: { methods: ['GET'] } })).toMatchObject({ ok: true, value: { httpTrigger: { authType: 'function', methods: ['GET'] } } });
  });

  it.each([
    [true, '"httpTrigger" must be an object'],
    [[], '"httpTrigger" must be an object'],
    [{ authType: 'jwt' }, '"httpTrigger.authType" must be "anonymous" or "function"'],
    [{ methods: [] }, '"httpTrigger.methods" must list one or more of GET, POST'],
    [{ methods: ['GET', 'CONNECT'] }, '"httpTrigger.methods"'],
    [{ methods: 'GET' }, '"httpTrigger.methods"'],
    [{ methods: [1] }, '"httpTrigger.methods"'],
  ])('refuses %j', (json, problem) => {
    const parsed = parseFunctionConfig({ httpTrigger: json });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toContain(problem);
  });
});
