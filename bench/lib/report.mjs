// Writes docs/benchmarks.md from one run's figures: machine, start-up ratios, the echo
// invocation next to curl, memory growth, how each figure is measured and how to reproduce it.
import { mib, mibRange, msRange, ratio, table } from './stats.mjs';

const mark = (ok) => (ok ? '✅' : '❌');

function startupRows(startup) {
  return startup.results.map((r) => [
    r.note ? `\`${r.name}\` (${r.note})` : `\`${r.name}\``,
    msRange(r.stats),
    r.baseline ? '1.00×' : `**${ratio(r.ratio)}** (${ratio(r.ratioMin)}–${ratio(r.ratioMax)})`,
    r.target ? `≤ ${ratio(r.target)} ${mark(r.ratio <= r.target)}` : '',
  ]);
}

function startupSection(startup, cleanStartup, startupVars, hyperfine, runs, warmup) {
  const header = ['command', 'median (min–max)', 'ratio to `node -e 0`', 'target'];
  const lines = [
    '## Start-up',
    '',
    `${runs} runs of each command after ${warmup} warm-up runs, interleaved (A B C, B C A, …) so that`,
    'load on the machine falls on every command alike; wall time of the whole process, from',
    'spawn to exit, measured by the bench (`spawnSync` and `process.hrtime`). The ratio is the',
    "command's median over `node -e 0`'s median (in brackets: its fastest and slowest run over",
    "that same median). `fcinvoke` is the launcher `bin/fcinvoke.cjs` started through its",
    '`#!/usr/bin/env node` line, as an installed `fcinvoke` is; credentials, account and region',
    'come from the environment and HOME starts empty, as in a CI job. The first warm-up run',
    "writes fcinvoke's compile cache there ([usage.md](usage.md#start-up-cache)), as the first",
    'call after an install does; the row marked "first call" runs without it every time',
    '(`NODE_DISABLE_COMPILE_CACHE=1`).',
    '',
    startupVars.length > 0
      ? `In this machine's environment, where ${startupVars.map((v) => `\`${v}\``).join(' and ')} ${startupVars.length > 1 ? 'are' : 'is'} set for every process (so \`node -e 0\` pays for it too):`
      : "In this machine's environment:",
    '',
    table(header, startupRows(startup)),
  ];
  if (cleanStartup) {
    lines.push(
      '',
      `In a clean environment (PATH only, without ${startupVars.map((v) => `\`${v}\``).join(' or ')}), where \`node -e 0\` is faster`,
      "and the same absolute cost is a larger ratio:",
      '',
      table(header, startupRows(cleanStartup)),
    );
  }
  if (startup.missing.length > 0) {
    lines.push('', `Not installed here, so not measured: ${startup.missing.map((m) => `\`${m}\``).join(', ')}.`);
  }
  if (hyperfine?.results) {
    lines.push(
      '',
      `Cross-check with hyperfine ${hyperfine.version} (\`-N\`, ${runs} runs, ${warmup} warm-up; it runs each command's`,
      'runs back to back rather than interleaved):',
      '',
      table(
        ['command', 'median (min–max)', 'ratio to `node -e 0`'],
        hyperfine.results.map((r) => [`\`${r.name}\``, msRange(r.stats), ratio(r.ratio)]),
      ),
    );
  } else if (hyperfine?.error) {
    lines.push('', `hyperfine ${hyperfine.version} failed: ${hyperfine.error}`);
  } else {
    lines.push('', 'hyperfine is not installed here, so there is no cross-check (`apt-get install hyperfine`).');
  }
  return lines.join('\n');
}

function echoSection(echo, runs, rssRuns) {
  if (echo.error) return `## One invocation through the emulator\n\nNot measured: ${echo.error}`;
  const [cli, curl, node] = echo.results;
  return [
    '## One invocation through the emulator',
    '',
    `\`demo/echo\` of \`fcinvoke emulator\` with the ${Buffer.byteLength(echo.event)}-byte event \`${echo.event}\`, sent`,
    'by `fcinvoke run` and by curl. curl sends the same request (same headers, same body),',
    "signed with fcinvoke's own signer just before each run (bench/sign-helper.ts). Wall time:",
    `${runs} interleaved runs each; peak RSS: ${rssRuns} runs each, measured with ${[...new Set(echo.results.map((r) => r.method))].join(' / ')}.`,
    '`node -e 0` is there for reference: any Node.js program pays that before its first line.',
    '',
    table(
      ['process', 'wall time median (min–max)', 'peak RSS median (min–max)'],
      echo.results.map((r) => [`\`${r.name}\``, msRange(r.wall), mibRange(r.rss)]),
    ),
    '',
    `fcinvoke's median is ${ratio(cli.wall.median / curl.wall.median)} curl's and its peak RSS ${ratio(cli.rss.median / curl.rss.median)}; of its`,
    `${cli.wall.median.toFixed(0)} ms, ${node.wall.median.toFixed(0)} ms are the Node.js runtime starting, and ${curl.wall.median.toFixed(0)} ms the round trip that curl`,
    `needs too, which leaves ${(cli.wall.median - node.wall.median - curl.wall.median).toFixed(0)} ms for fcinvoke itself (loading, settings, signing, undici).`,
  ].join('\n');
}

function memorySection(memory, runs, limitMiB) {
  if (memory.error) return `## Memory\n\nNot measured: ${memory.error}`;
  return [
    '## Memory for large events and results',
    '',
    `Peak RSS of \`fcinvoke run\` against a local server (bench/lib/stream-server.mjs) that`,
    'swallows events and streams results of the size asked for, next to the same command with',
    `1 KiB; median of ${runs} runs each, measured with ${memory.method}. Target: growth below ${limitMiB} MiB.`,
    '',
    table(
      ['case', 'peak RSS median (min–max)', 'with 1 KiB', 'growth', 'wall time', 'target'],
      memory.results.map((r) => [
        r.name,
        mibRange(r.peak),
        mibRange(r.baseline),
        `**${mib(r.growthKiB)}**`,
        msRange(r.wall),
        `< ${limitMiB} MiB ${mark(r.growthKiB < limitMiB * 1024)}`,
      ]),
    ),
  ].join('\n');
}

function reproduceSection(nodePath) {
  return `## Reproduce

\`npm run bench\` builds, runs all of the above (about a minute or two) and rewrites this file.
With public tools only (Debian: \`apt-get install hyperfine time curl\`), from a clone after
\`npm ci && npm run build\`:

\`\`\`sh
# Start-up
export ALIBABA_CLOUD_ACCESS_KEY_ID=fake ALIBABA_CLOUD_ACCESS_KEY_SECRET=fake \\
       ALIBABA_CLOUD_ACCOUNT_ID=1234567890 ALIBABA_CLOUD_REGION_ID=cn-hangzhou
hyperfine -N --warmup 3 --runs 30 'node -e 0' 'bin/fcinvoke.cjs --version' \\
  'bin/fcinvoke.cjs run svc fn --dry-run'

# The same on another Node.js major (here 22), fetched from the npm registry as CI does
export PATH="$(dirname "$(node scripts/ci-node.mjs 22)"):$PATH"
hyperfine -N --warmup 3 --runs 30 'node -e 0' 'bin/fcinvoke.cjs run svc fn --dry-run'
# Where one invocation's time goes (with the emulator below running): open the profile in
# Chrome DevTools or any .cpuprofile viewer
node --cpu-prof --cpu-prof-dir=profiles bin/fcinvoke.cjs run demo echo -e x

# One invocation through the emulator, and curl with the same request
bin/fcinvoke.cjs emulator --port 9000 > emulator.txt &
sleep 1; eval "$(grep '^export' emulator.txt)"
printf '{"hello":"world"}' > event.json
/usr/bin/time -f '%e s, %M KiB' bin/fcinvoke.cjs run demo echo -d event.json
node bench/presign.mjs demo echo event.json > curl.sh     # signed now; valid for 15 minutes
/usr/bin/time -f '%e s, %M KiB' sh curl.sh
# The floors: the smallest Node.js program signing and printing the same request (under
# --dry-run), and sending it over node:net and through node:http (under an invocation)
node bench/presign.mjs --json demo echo event.json > request.json   # valid for 15 minutes
hyperfine -N --warmup 3 --runs 30 'node -e 0' 'bin/fcinvoke.cjs run demo echo -d event.json --dry-run' \\
  'node bench/lib/floor.cjs sign request.json event.json'
hyperfine -N --warmup 3 --runs 30 'node -e 0' 'bin/fcinvoke.cjs run demo echo -d event.json' \\
  'node bench/lib/floor.cjs net request.json event.json' 'node bench/lib/floor.cjs http request.json event.json'

# Memory: a 32 MiB event and a 500 MiB result
node bench/lib/stream-server.mjs --port 9100 &
export FCINVOKE_ENDPOINT=http://127.0.0.1:9100
head -c 33554432 /dev/zero > event.bin
/usr/bin/time -f '%M KiB' bin/fcinvoke.cjs run bench sink -d event.bin
cat event.bin | /usr/bin/time -f '%M KiB' bin/fcinvoke.cjs run bench sink -d -
/usr/bin/time -f '%M KiB' bin/fcinvoke.cjs run sink -d event.bin      # FC 3.0: hashed, then streamed
cat event.bin | /usr/bin/time -f '%M KiB' bin/fcinvoke.cjs run sink -d -
/usr/bin/time -f '%M KiB' bin/fcinvoke.cjs run bench stream -e 524288000 | cat > /dev/null
/usr/bin/time -f '%M KiB' bin/fcinvoke.cjs run bench stream -e 524288000 -o result.bin
\`\`\`

(Compare each with the same command at 1 KiB: \`head -c 1024\`, \`-e 1024\`.) This page was
made with Node.js ${nodePath}; \`FCINVOKE_BENCH_RUNS=N npm run bench\` changes the number of
start-up runs (default 30).`;
}

/** The whole page. */
export function renderReport({ machine, startup, cleanStartup, startupVars, hyperfine, echo, memory, settings, durationS, otherMisses = [] }) {
  const missed = (s, where) => (s?.results ?? []).filter((r) => r.target && r.ratio > r.target).map((r) => `\`${r.name}\` at ${ratio(r.ratio)}${where}`);
  const misses = [
    ...missed(startup, cleanStartup ? " (this machine's environment)" : ''),
    ...missed(cleanStartup, ' (clean environment)'),
    ...(memory.results ?? []).filter((r) => r.growthKiB >= settings.memoryLimitMiB * 1024).map((r) => `${r.name} (+${mib(r.growthKiB)})`),
    ...otherMisses,
  ];
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs) on ${machine.date}, in ${durationS} s. Every
figure below comes from that one run; run it again to refresh the page.
${misses.length > 0 ? `\n**Targets missed in this run:** ${misses.join('; ')}.\n` : '\nEvery target was met in this run.\n'}
## Machine

${table(['', ''], machine.rows)}

${startupSection(startup, cleanStartup, startupVars, hyperfine, settings.runs, settings.warmup)}

${echoSection(echo, settings.echoRuns, settings.rssRuns)}

${memorySection(memory, settings.memoryRuns, settings.memoryLimitMiB)}

${reproduceSection(machine.node)}
`;
}
