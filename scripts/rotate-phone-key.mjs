// npm run rotate:phone-key [-- --dry-run] : re-encrypt stored phone numbers under a new PHONE_ENCRYPTION_KEY
// (the old one in PHONE_ENCRYPTION_KEY_OLD), on the configured database. See the README's "Key rotation".
import { join } from 'node:path';
import { nx, repoRoot, run } from './run.mjs';

nx('run-many', '-t', 'build', '-p', '@wuye/contracts', '@wuye/api');
run(process.execPath, [join(repoRoot, 'apps/api/dist/scripts/rotate-phone-key.js'), ...process.argv.slice(2)], { env: process.env });
