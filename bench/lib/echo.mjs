// One invocation of the emulator's demo/echo through `fcinvoke run`, next to curl sending
// the same request pre-signed with fcinvoke's own signer: wall time and peak RSS of each.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { curlArgs, loadPresign, signDemoEcho } from './presign.mjs';
import { measureRss, timedRun } from './processes.mjs';
import { summarize } from './stats.mjs';

const EVENT = '{"hello":"world","from":"fcinvoke bench"}';

/** Starts `fcinvoke emulator --port 0`; resolves with the variables it prints and a stop function. */
export function startEmulator(bin, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['emulator', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error('the emulator did not print FCINVOKE_ENDPOINT within 15 s')), 15_000);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${err.trim()}`));
    };
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`the emulator exited with ${code} before it was ready`)));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const vars = Object.fromEntries([...out.matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2].replace(/^'(.*)'$/, '$1')]));
      if (!vars.FCINVOKE_ENDPOINT) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        vars,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Interleaved wall-time runs, then peak-RSS runs, of fcinvoke and curl against one emulator. */
export async function measureEcho({ bin, runs, rssRuns, warmup, env }) {
  const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-bench-echo-'));
  const eventFile = join(dir, 'event.json');
  writeFileSync(eventFile, EVENT);
  const emulator = await startEmulator(bin, { ...env, HOME: dir });
  try {
    const cliEnv = { ...env, HOME: dir, ...emulator.vars };
    const presign = await loadPresign();
    const signed = () => signDemoEcho(presign, emulator.vars, { contentLength: Buffer.byteLength(EVENT) });
    const clients = [
      { name: 'fcinvoke run demo echo -d event.json', run: () => [bin, ['run', 'demo', 'echo', '-d', eventFile]], node: true, expect: EVENT },
      // Signed just before each run, outside the timed process, like a URL pre-signed earlier.
      { name: 'curl (same request, pre-signed)', run: () => ['curl', curlArgs(signed(), eventFile)], node: false, expect: EVENT },
      // For reference: what any Node.js program pays before doing anything.
      { name: 'node -e 0 (the runtime alone)', run: () => [process.execPath, ['-e', '0']], node: true, expect: '' },
    ];
    const wall = clients.map(() => []);
    for (let round = -warmup; round < runs; round++) {
      for (let k = 0; k < clients.length; k++) {
        const index = (k + Math.max(round, 0)) % clients.length;
        const [command, args] = clients[index].run();
        const result = timedRun(command, args, { env: cliEnv, cwd: dir, capture: true });
        if (result.code !== 0 || result.stdout.toString('utf8') !== clients[index].expect) {
          throw new Error(`${clients[index].name} failed (exit ${result.code}): ${result.stdout?.toString('utf8').slice(0, 300)} ${result.stderr.trim()}`);
        }
        if (round >= 0) wall[index].push(result.wallMs);
      }
    }
    const rss = clients.map(() => []);
    const methods = clients.map(() => '');
    for (let round = 0; round < rssRuns; round++) {
      for (let index = 0; index < clients.length; index++) {
        const [command, args] = clients[index].run();
        const result = await measureRss(command, args, { env: cliEnv, cwd: dir, node: clients[index].node });
        if (result.code !== 0) throw new Error(`${clients[index].name} failed under the RSS measurement: ${result.stderr.trim()}`);
        rss[index].push(result.peakKiB);
        methods[index] = result.method;
      }
    }
    return { event: EVENT, results: clients.map((c, i) => ({ name: c.name, wall: summarize(wall[i]), rss: summarize(rss[i]), method: methods[i] })) };
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
