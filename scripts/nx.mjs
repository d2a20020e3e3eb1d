// Runs Nx with the repository's settings (no daemon, no cloud): node scripts/nx.mjs <nx arguments>
import { nx } from './run.mjs';

nx(...process.argv.slice(2));
