// npm start: build what is missing or stale (Nx caches the rest), then serve the API and the H5 app on one port.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { nx, repoRoot } from './run.mjs';

nx('run-many', '-t', 'build', '-p', '@wuye/contracts', '@wuye/api');
nx('run', '@wuye/miniapp:build:h5');

const api = spawn(process.execPath, [join(repoRoot, 'apps/api/dist/main.js')], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
