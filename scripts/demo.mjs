// `npm run demo`: starts the bundled emulator on a free port, invokes its demo functions
// through the real CLI (as a user would type it), FC 2.0's demo service, one FC 3.0
// function and one web function, shows what each prints, then stops it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/fcinvoke.cjs', import.meta.url));

function startEmulator() {
  const child = spawn(process.execPath, [bin, 'emulator', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the emulator did not start:\n${out}`)), 15_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const env = Object.fromEntries([...out.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2].replace(/^'|'$/g, '')]));
      if (env.FCINVOKE_ENDPOINT && env.ALIBABA_CLOUD_ACCESS_KEY_SECRET) {
        clearTimeout(timer);
        resolve({ child, env });
      }
    });
    child.on('exit', (code) => reject(new Error(`the emulator exited (${code}):\n${out}`)));
  });
}

const bold = process.stderr.isTTY && !process.env.NO_COLOR ? (text) => `\u001b[1m${text}\u001b[22m` : (text) => text;

/**
 * Runs one example and says how it ended: a tick for a success; for a failure the demo
 * shows on purpose, the exit code and why it is the expected one, so that it cannot read as
 * a pass; a cross for anything unexpected.
 */
function run(args, env, expected, why) {
  process.stderr.write(`\n${bold(`$ fcinvoke ${args.map((a) => (/[\s"{}]/.test(a) ? `'${a}'` : a)).join(' ')}`)}\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.on('exit', (code) => {
      process.stdout.write('\n');
      const good = code === expected;
      if (!good) process.stderr.write(`✘ exit code ${code}, not the ${expected} expected\n`);
      else if (code === 0) process.stderr.write('✔ exit code 0\n');
      else process.stderr.write(`→ exit code ${code}, the failure this example shows: ${why}\n`);
      resolve(good);
    });
  });
}

const { child, env } = await startEmulator();
process.stderr.write(`emulator listening at ${env.FCINVOKE_ENDPOINT} (no credentials, no network needed)\n`);
let allGood = true;
try {
  for (const [args, expected, why] of [
    [['run', 'demo', 'hello'], 0],
    [['run', 'demo', 'echo', '-e', '{"greeting": "hi from the demo"}'], 0],
    [['run', 'demo.LATEST', 'json', '-e', 'any event', '--quiet'], 0],
    [['run', 'demo', 'fail'], 1, 'demo/fail always fails, and a function error is exit 1'],
    [['run', 'demo', 'hello', '--json'], 0],
    [['run', 'demo', 'nope'], 4, 'there is no demo/nope, and a refusal by the service is exit 4'],
    // FC 3.0 (API 2023-03-30): a function alone, no service.
    [['run', 'echo', '-e', '{"api": "FC 3.0: a function alone"}'], 0],
    // A web function behind an HTTP trigger, called with a signed request.
    [['http', '-X', 'POST', 'demo/web/orders', '-H', 'Content-Type: application/json', '-e', '{"id": 42}'], 0],
  ]) {
    allGood = (await run(args, env, expected, why)) && allGood;
  }
} finally {
  child.kill('SIGTERM');
}
const TRY = [
  '',
  'Try it yourself, in this shell (npx fcinvoke runs this clone\'s CLI):',
  '  eval "$(npx fcinvoke emulator --background)"  # a local FC endpoint, and this shell pointed at it',
  '  npx fcinvoke run demo hello                   # FC 2.0: a service and a function',
  '  npx fcinvoke run hello                        # FC 3.0: a function alone',
  '  npx fcinvoke http demo/web/hello              # a web function, through its HTTP trigger',
  '  eval "$(npx fcinvoke emulator --stop)"        # stop it, and unset what it set',
  '',
].join('\n');
process.stderr.write(allGood ? `\ndemo finished: every command behaved as expected\n${TRY}` : '\ndemo finished with unexpected results\n');
process.exitCode = allGood ? 0 : 1;
