// `npm run demo`: starts the bundled emulator on a free port, invokes its demo functions
// through the real CLI (as a user would type it), shows what each prints, then stops it.
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

function run(args, env, expected) {
  process.stderr.write(`\n\u001b[1m$ fcinvoke ${args.map((a) => (/[\s"{}]/.test(a) ? `'${a}'` : a)).join(' ')}\u001b[22m\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.on('exit', (code) => {
      process.stdout.write('\n');
      const good = code === expected;
      process.stderr.write(`${good ? '✔' : '✘'} exit code ${code}${good ? '' : ` (expected ${expected})`}\n`);
      resolve(good);
    });
  });
}

const { child, env } = await startEmulator();
process.stderr.write(`emulator listening at ${env.FCINVOKE_ENDPOINT} (no credentials, no network needed)\n`);
let allGood = true;
try {
  for (const [args, expected] of [
    [['run', 'demo', 'hello'], 0],
    [['run', 'demo', 'echo', '-e', '{"greeting": "hi from the demo"}'], 0],
    [['run', 'demo.LATEST', 'json', '-e', 'any event', '--quiet'], 0],
    [['run', 'demo', 'fail'], 1],
    [['run', 'demo', 'hello', '--json'], 0],
    [['run', 'demo', 'nope'], 4],
  ]) {
    allGood = (await run(args, env, expected)) && allGood;
  }
} finally {
  child.kill('SIGTERM');
}
process.stderr.write(allGood ? '\ndemo finished: every command behaved as expected\n' : '\ndemo finished with unexpected results\n');
process.exitCode = allGood ? 0 : 1;
