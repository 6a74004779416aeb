// The layer rules of .dependency-cruiser.cjs: each one fires on a fixture tree made to break
// it, and src/ breaks none of them but the violations the config lists as known.
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/layers', import.meta.url));

/** One line per violation; a circle by its members, a package by its name. */
function describeViolation(v: IViolation): string {
  if (v.cycle) return `${v.rule.name}: ${v.cycle.map((m) => m.name).sort().join(' <-> ')}`;
  const to = v.to.replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, '$1');
  return `${v.rule.name}: ${v.from} -> ${to}`;
}

let options: ICruiseOptions;
let known: IViolation[];

beforeAll(async () => {
  options = await extractDepcruiseOptions(`${ROOT}/.dependency-cruiser.cjs`);
  known = options.knownViolations ?? [];
});

/** Cruises src/ under baseDir with the project's rules and no known violations. */
async function violationsIn(baseDir: string): Promise<string[]> {
  const { output } = await cruise(['src'], { ...options, baseDir, knownViolations: [] });
  const result = output as ICruiseResult;
  expect(result.summary.error).toBe(result.summary.violations.length);
  return result.summary.violations.map(describeViolation).sort();
}

describe('layer rules', () => {
  it('each rule fires on the import in the fixture tree that breaks it, and no other import fires', async () => {
    expect(await violationsIn(FIXTURE)).toEqual(
      [
        'api-not-to-cli: src/api.ts -> src/batch/run-batch.ts',
        'base-imports-nothing: src/errors.ts -> src/ui/style.ts',
        'batch-not-up: src/batch/plan.ts -> src/commands/run.ts',
        'core-no-terminal-packages: src/config/colour.ts -> chalk',
        'core-not-up: src/fc/request.ts -> src/commands/run.ts',
        'emulator-only-base-and-fc: src/emulator/server.ts -> src/config/settings.ts',
        'fc-io-not-to-config: src/io/sink.ts -> src/config/settings.ts',
        'fc-versions-apart: src/fc/v2016/sign.ts -> src/fc/v2023/sign.ts',
        'no-circular: src/commands/circle-a.ts <-> src/commands/circle-b.ts',
        'ui-not-up: src/ui/render.ts -> src/batch/plan.ts',
      ].sort(),
    );
  });

  it('the fixture tree covers every rule in the config', async () => {
    const fired = new Set((await violationsIn(FIXTURE)).map((line) => line.split(':')[0]));
    expect([...fired].sort()).toEqual(options.ruleSet?.forbidden?.map((rule) => rule.name).sort());
  });

  it('src/ breaks exactly the known violations, so a new break fails and a mended one must leave the list', async () => {
    expect(await violationsIn(ROOT)).toEqual(known.map(describeViolation).sort());
  });
});
