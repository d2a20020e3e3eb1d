// npm run seed:scale -- --communities N --owners N --tickets N : bulk-fill the configured database for benchmarks.
import { join } from 'node:path';
import { nx, repoRoot, run } from './run.mjs';

nx('run-many', '-t', 'build', '-p', '@wuye/contracts', '@wuye/api');
run(process.execPath, [join(repoRoot, 'apps/api/dist/scripts/seed-scale.js'), ...process.argv.slice(2)], { env: process.env });
