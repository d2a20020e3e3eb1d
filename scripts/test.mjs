// npm test: every test of every project (unit, API e2e on embedded SQLite, mini-program components,
// browser journeys on the H5 build). Nx builds what the tests need first and caches results of unchanged projects.
import { nx } from './run.mjs';

const extra = process.argv.slice(2);
nx('run-many', '-t', 'test', ...extra);
