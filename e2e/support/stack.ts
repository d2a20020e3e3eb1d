import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Where global setup leaves what the journeys need: the API's URL and the process to stop. */
export const STATE_FILE = path.join(os.tmpdir(), `wuye-e2e-${process.ppid}-state.json`);
export const REPO = path.resolve(__dirname, '../..');

export interface StackState {
  baseUrl: string;
  pid: number;
  dataDir: string;
}

export function readState(): StackState {
  const file = process.env.WUYE_E2E_STATE ?? STATE_FILE;
  if (!fs.existsSync(file)) throw new Error(`No running API for the journeys (${file}); run them through jest's global setup`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
