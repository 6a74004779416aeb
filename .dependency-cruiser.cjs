// The layer rules of docs/architecture.md, checked over src/ by `npm run lint`.
'use strict';

const BASE = '^src/(errors|escape|credentials|version)[.]ts$';
const TERMINAL_PACKAGES = ['(^|/)node_modules/(chalk|ora|commander)/', '^(chalk|ora|commander)$'];

/**
 * Breaks tolerated until the change that mends them: `npm run lint` ignores these and fails on
 * any other. test/unit/layers.test.ts asserts that src/ breaks exactly these. Empty: keep it so.
 */
const knownViolations = [];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A circle makes two modules one: neither can be tested, loaded lazily or moved alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'base-imports-nothing',
      comment: 'errors, escape, credentials and version sit under everything, so they import nothing of ours.',
      severity: 'error',
      from: { path: BASE },
      to: { path: '^src/' },
    },
    {
      name: 'core-not-up',
      comment: 'fc/, io/ and config/ are the core the CLI and the API share; an import up would load the CLI into both.',
      severity: 'error',
      from: { path: '^src/(fc|io|config)/' },
      to: { path: ['^src/(commands|ui|batch|emulator)/', '^src/(program|cli|api)[.]ts$'] },
    },
    {
      name: 'fc-io-not-to-config',
      comment: 'fc/ and io/ take settings as arguments, so the API uses them without the credential stores.',
      severity: 'error',
      from: { path: '^src/(fc|io)/' },
      to: { path: '^src/config/' },
    },
    {
      name: 'core-no-terminal-packages',
      comment: 'Colour, spinners and flags belong to the CLI; the API and the tests use the core without a terminal.',
      severity: 'error',
      from: { path: '^src/(fc|io|config)/' },
      to: { path: TERMINAL_PACKAGES },
    },
    {
      name: 'api-not-to-cli',
      comment: 'The library entry never loads the CLI, so it stays small and independent of its flags.',
      severity: 'error',
      from: { path: '^src/api[.]ts$' },
      to: { path: ['^src/(commands|ui|batch|emulator)/', '^src/(program|cli)[.]ts$'] },
    },
    {
      name: 'emulator-only-base-and-fc',
      comment: 'The emulator stands in for the service: it shares with the client only base and the signer it checks with.',
      severity: 'error',
      from: { path: '^src/emulator/' },
      to: { path: '^src/', pathNot: ['^src/(emulator|fc)/', BASE] },
    },
    {
      name: 'ui-not-up',
      comment: 'ui/ renders what it is given; it never reaches into the commands or batches that call it.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: ['^src/(commands|batch)/', '^src/(program|cli)[.]ts$'] },
    },
    {
      name: 'batch-not-up',
      comment: 'batch/ is an engine driven by commands/; it never imports its driver.',
      severity: 'error',
      from: { path: '^src/batch/' },
      to: { path: ['^src/commands/', '^src/(program|cli)[.]ts$'] },
    },
    {
      name: 'fc-versions-apart',
      comment: 'Each API version folder in fc/ meets the others only through the seam in fc/ itself.',
      severity: 'error',
      from: { path: '^src/fc/(v[0-9]+)/' },
      to: { path: '^src/fc/v[0-9]+/', pathNot: '^src/fc/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type import up a layer couples the layers all the same.
    tsPreCompilationDeps: true,
    knownViolations,
  },
};
