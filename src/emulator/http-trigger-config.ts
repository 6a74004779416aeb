// The `httpTrigger` key of a function.json: whether the function has an HTTP trigger, who may
// call it and with which methods (http-triggers.md §1.2, §3); pure.

/** FC's trigger methods (http-triggers.md §1.6), in the order FC lists them. */
export const HTTP_TRIGGER_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS'] as const;

export type HttpTriggerMethod = (typeof HTTP_TRIGGER_METHODS)[number];

/** A function's HTTP trigger, as CreateTrigger's `triggerConfig` describes one. */
export interface HttpTriggerConfig {
  /** `function`: every request signed (FC's default); `anonymous`: no check. */
  authType: 'anonymous' | 'function';
  /** Methods the trigger accepts, upper-case; any other is 403. */
  methods: HttpTriggerMethod[];
}

/** The trigger name FC's refusal of InvokeFunction quotes; the emulator has one trigger per function. */
export const HTTP_TRIGGER_NAME = 'httpTrigger';

const isMethod = (value: string): value is HttpTriggerMethod => (HTTP_TRIGGER_METHODS as readonly string[]).includes(value);

/**
 * `{"authType": "anonymous" | "function", "methods": ["GET", ...]}`, both optional (default
 * `function` and all seven methods); method names in any case; other fields are ignored.
 * `undefined` (no key) is no trigger.
 */
export function parseHttpTriggerConfig(json: unknown): { ok: true; value: HttpTriggerConfig | undefined } | { ok: false; problem: string } {
  if (json === undefined) return { ok: true, value: undefined };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, problem: '"httpTrigger" must be an object such as {"authType": "anonymous", "methods": ["GET", "POST"]}' };
  }
  const { authType = 'function', methods = [...HTTP_TRIGGER_METHODS] } = json as Record<string, unknown>;
  if (authType !== 'anonymous' && authType !== 'function') {
    return { ok: false, problem: '"httpTrigger.authType" must be "anonymous" or "function"' };
  }
  const names = Array.isArray(methods) ? methods.map((m) => (typeof m === 'string' ? m.toUpperCase() : '')) : [];
  if (names.length === 0 || !names.every(isMethod)) {
    return { ok: false, problem: `"httpTrigger.methods" must list one or more of ${HTTP_TRIGGER_METHODS.join(', ')}` };
  }
  return { ok: true, value: { authType, methods: [...new Set(names)] } };
}
