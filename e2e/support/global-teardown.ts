import * as fs from 'node:fs';
import { readState, STATE_FILE } from './stack';

export default async function globalTeardown(): Promise<void> {
  const { pid, dataDir } = readState();
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  await new Promise((r) => setTimeout(r, 500));
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(STATE_FILE, { force: true });
}
