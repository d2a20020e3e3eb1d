/**
 * @jest-environment node
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const script = path.join(__dirname, '..', 'scripts', 'size-check.mjs');
const MB = 1024 * 1024;

let dist: string;

/** A fake dist/weapp: app.json with two subpackages and files of the given sizes. */
function fakeBuild(files: Record<string, number>) {
  writeFileSync(
    path.join(dist, 'app.json'),
    JSON.stringify({
      pages: ['pages/index/index'],
      subPackages: [
        { root: 'packages/tickets', pages: ['pages/index/index'] },
        { root: 'packages/work/', pages: ['pages/index/index'] },
      ],
    }),
  );
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    writeFileSync(path.join(dist, file), Buffer.alloc(bytes));
  }
}

const sizeCheck = (dir = dist) => spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });

beforeEach(() => {
  dist = mkdtempSync(path.join(tmpdir(), 'size-check-'));
});
afterEach(() => {
  rmSync(dist, { recursive: true, force: true });
});

describe('scripts/size-check.mjs', () => {
  it('prints each package in KB and passes under the limits', () => {
    fakeBuild({
      'app.js': 300 * 1024,
      'pages/index/index.js': 100 * 1024,
      'packages/tickets/pages/index/index.js': 50 * 1024,
      'packages/work/pages/index/index.js': 10 * 1024,
      // Not under a subpackage root: counts for the main package.
      'packages/ticketsX/shared.js': 24 * 1024,
    });

    const run = sizeCheck();

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/main\s+424\.\d\s+1536\.0\s+ok/);
    expect(run.stdout).toMatch(/packages\/tickets\s+50\.0\s+2048\.0\s+ok/);
    expect(run.stdout).toMatch(/packages\/work\s+10\.0/);
  });

  it('fails when the main package is over 1.5 MB', () => {
    fakeBuild({ 'app.js': 1.5 * MB - 1000, 'vendors.js': 2000 });

    const run = sizeCheck();

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/main package is 1537\.\d KB, over its limit of 1536\.0 KB/);
  });

  it('fails when a subpackage is over 2 MB', () => {
    fakeBuild({ 'app.js': 1000, 'packages/work/pages/index/index.js': 2 * MB + 1 });

    const run = sizeCheck();

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('subpackage packages/work is 2048.0 KB, over its limit of 2048.0 KB');
  });

  it('asks for a build when there is none', () => {
    const run = sizeCheck(path.join(dist, 'missing'));

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('run npm run build:weapp first');
  });
});
