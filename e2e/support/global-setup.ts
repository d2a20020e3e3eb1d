import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startApi } from '../../apps/api/test/support/process';
import { locateBrowser } from './browser';
import { REPO, STATE_FILE, type StackState } from './stack';

/**
 * Starts the built API exactly as `npm start` does (one process serving /api and the H5 build at /) on a fresh
 * embedded database seeded with the demo county.
 */
export default async function globalSetup(): Promise<void> {
  const webRoot = path.join(REPO, 'miniapp/dist/h5');
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) throw new Error(`${webRoot} is missing: run npm run build:h5 first (npm test does)`);
  // Unpacked here once (when it is the npm-shipped one) rather than by the first journey; and said, so a run's log
  // shows which browser it tested with.
  process.stdout.write(`\nBrowser for the journeys: ${locateBrowser().name}\n`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-e2e-'));
  const api = await startApi({
    NODE_ENV: 'development',
    DB_URL: '',
    DB_PATH: path.join(dataDir, 'e2e.sqlite'),
    DATA_DIR: dataDir,
    WEB_ROOT: webRoot,
    SEED_DEMO: 'true',
    // Every journey signs in from this one address, many times a minute on a quiet machine; the limit itself is
    // tested by the API's rate-limits e2e.
    RATE_LIMIT_SIGNIN_PER_MINUTE: '100000',
  });
  const state: StackState = { baseUrl: api.baseUrl, pid: api.child.pid as number, dataDir };
  fs.writeFileSync(STATE_FILE, JSON.stringify(state));
  process.env.WUYE_E2E_STATE = STATE_FILE;
}
