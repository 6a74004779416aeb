// The credentials of the tests that check that no secret leaks: obviously fake, an STS key
// (so the token is sent too), each long enough to be scrubbed.
export const LEAK_SECRET = 'fake-secret-must-never-show-0123';
export const LEAK_TOKEN = 'fake-sts-token-must-never-show-4567';
export const LEAK_KEY_ID = 'STS.fake-key-id-for-leak-test';

/** The environment of a call with those credentials against `url`. */
export function leakTestEnv(url: string): Record<string, string> {
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: LEAK_KEY_ID,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: LEAK_SECRET,
    ALIBABA_CLOUD_SECURITY_TOKEN: LEAK_TOKEN,
    ALIBABA_CLOUD_ACCOUNT_ID: '1234567890',
    FCINVOKE_ENDPOINT: url,
  };
}
