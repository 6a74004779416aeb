// Builds bench/sign-helper.ts with esbuild into bench/.out/ and loads it: the project's own
// signer, usable from plain Node without a TypeScript loader.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outfile = fileURLToPath(new URL('../.out/sign-helper.mjs', import.meta.url));

let loaded;

/** `presignInvoke(input)` from bench/sign-helper.ts (which also holds `presignInvoke3`, for the bare batch loop). */
export async function loadPresign() {
  loaded ??= (async () => {
    await build({
      absWorkingDir: root,
      entryPoints: ['bench/sign-helper.ts'],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20.19',
      logLevel: 'warning',
    });
    return (await import(pathToFileURL(outfile).href)).presignInvoke;
  })();
  return loaded;
}

/** The emulator's demo/echo invocation, signed now with the emulator's fake credentials (`vars`, as it prints them). */
export function signDemoEcho(presign, vars, { contentLength, userAgent }) {
  return presign({
    baseUrl: vars.FCINVOKE_ENDPOINT,
    service: 'demo',
    functionName: 'echo',
    accessKeyId: vars.ALIBABA_CLOUD_ACCESS_KEY_ID,
    accessKeySecret: vars.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
    accountId: vars.ALIBABA_CLOUD_ACCOUNT_ID,
    contentLength,
    userAgent,
  });
}

/** curl arguments sending `file` with the signed headers; the body goes to stdout. */
export function curlArgs(request, file) {
  const args = ['-sS', '-X', request.method, '--data-binary', `@${file}`];
  // curl would otherwise add `Expect: 100-continue` to larger bodies; fcinvoke does not.
  args.push('-H', 'Expect:');
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'content-length') continue; // curl computes it from the file
    args.push('-H', `${name}: ${value}`);
  }
  args.push(request.url);
  return args;
}
