#!/usr/bin/env node
// Launcher: chalk ignores NO_COLOR, so map it to FORCE_COLOR=0 before anything loads.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
await import('../dist/cli.js');
