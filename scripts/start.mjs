// npm start: build what is missing or stale (Nx caches the rest), then serve the API and the H5 app on one port.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nx, repoRoot } from './run.mjs';

nx('run-many', '-t', 'build', '-p', '@wuye/contracts', '@wuye/api');
nx('run', '@wuye/miniapp:build:h5');

// The API runs with the V8 flags it ships with (nodeFlags of apps/api/package.json), as in the image.
const { nodeFlags } = JSON.parse(readFileSync(join(repoRoot, 'apps/api/package.json'), 'utf8'));
const api = spawn(process.execPath, [...nodeFlags, join(repoRoot, 'apps/api/dist/main.js')], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
