// The toolchain check (scripts/check.mjs) on the real weapp build, and on broken copies of it: each breakage WeChat
// would refuse (or a resident would suffer) must fail the check, named by the tool that caught it.
//
// The whole build compiles once (the passing case). Each broken copy keeps the main package and only the subpackage
// it breaks, if any (a small app, but the real files and the real script), and the check stops at the first stage
// that fails (--fail-fast): a broken copy then costs seconds, not a whole compile.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDir } from './support/miniprogram';

const script = path.join(__dirname, '..', 'scripts', 'check.mjs');
const KB = 1024;

let copy: string;

interface AppJson {
  subPackages: Array<{ root: string; name: string; pages: string[] }>;
  preloadRule?: Record<string, { network?: string; packages: string[] }>;
}

/**
 * A copy of the build with the main package and only the subpackages in `keep` (on disk and in app.json), changed
 * by `breakIt`.
 */
function brokenCopy(keep: string[], breakIt: (file: (name: string) => string) => void): string {
  const appJson = JSON.parse(readFileSync(path.join(buildDir, 'app.json'), 'utf8')) as AppJson;
  const dropped = appJson.subPackages.filter((sub) => !keep.includes(sub.root)).map((sub) => path.join(buildDir, sub.root));
  expect(dropped).toHaveLength(appJson.subPackages.length - keep.length);
  copy = mkdtempSync(path.join(tmpdir(), 'weapp-broken-'));
  cpSync(buildDir, copy, { recursive: true, filter: (source) => !dropped.includes(source) });
  const file = (name: string) => path.join(copy, name);
  const kept = appJson.subPackages.filter((sub) => keep.includes(sub.root));
  const preloadRule = Object.fromEntries(
    Object.entries(appJson.preloadRule ?? {})
      .map(([page, rule]) => [page, { ...rule, packages: rule.packages.filter((name) => kept.some((sub) => sub.name === name)) }] as const)
      .filter(([, rule]) => rule.packages.length > 0),
  );
  writeFileSync(file('app.json'), JSON.stringify({ ...appJson, subPackages: kept, preloadRule }));
  breakIt(file);
  return copy;
}

const check = (dir: string, ...options: string[]) => spawnSync(process.execPath, [script, ...options, dir], { encoding: 'utf8' });
const checkBroken = (dir: string) => check(dir, '--fail-fast');

/** A string literal of random (incompressible) characters, kept by every minifier. */
const padding = (bytes: number) => `\n;wx.__padding${randomBytes(4).toString('hex')}="${randomBytes((bytes * 3) / 4).toString('base64')}";\n`;

afterEach(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('npm run check:weapp', () => {
  // The one run of the check on the whole build in CI (.ci/run leaves it to npm test): its report goes to the log.
  it('passes the build and prints what it measured', () => {
    const run = check(buildDir);
    process.stdout.write(`${run.stdout}\n`);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/✔ project settings +es6, enhance and minify settings on/);
    expect(run.stdout).toMatch(/✔ wcc and wcsc +\d+ WXML, 1 WXS, \d+ WXSS files/);
    expect(run.stdout).toMatch(/✔ miniprogram-ci compile +\d+ files in the package/);
    expect(run.stdout).toMatch(/main +\d+\.\d KB +600\.0 KB \(WeChat 2048\.0 KB\)/);
    expect(run.stdout).toMatch(/packages\/oversight +\d+\.\d KB +2048\.0 KB/);
    expect(run.stdout).toMatch(/total +\d+\.\d KB +20480\.0 KB/);
    expect(run.stdout).toMatch(/✔ ES5 +\d+ JS files/);
    expect(run.stdout).toMatch(/check:weapp: passed \(\d+\.\d s\)/);
  });

  it('fails a page that app.json lists without its files', () => {
    const dir = brokenCopy([], (file) => {
      for (const ext of ['js', 'json', 'wxml', 'wxss']) rmSync(file(`pages/messages/index.${ext}`));
    });

    const run = checkBroken(dir);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('miniprogram-ci compile (code 10005): app.json: ["pages"][1] could not find the corresponding file: "pages/messages/index.wxml"');
  });

  it('fails an expression error in a WXML file', () => {
    const dir = brokenCopy([], (file) => {
      const wxml = file('pages/index/index.wxml');
      writeFileSync(wxml, readFileSync(wxml, 'utf8').replace('{{root:root}}', '{{root:root +}}'));
    });

    const run = checkBroken(dir);

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/wcc: .*pages\/index\/index\.wxml:2:\d+: Bad attr `data`/);
    expect(run.stdout).toMatch(/– miniprogram-ci compile +skipped: an earlier stage failed/);
  });

  it('fails a syntax error in a JS file', () => {
    const dir = brokenCopy([], (file) => appendFileSync(file('pages/me/index.js'), '\n;var broken = {;\n'));

    const run = checkBroken(dir);

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/miniprogram-ci compile \(code \d+\): file: pages\/me\/index\.js[\s\S]*Unexpected token/);
  });

  it('fails a main package over our 600 KB budget and a subpackage over WeChat’s 2 MB', () => {
    const dir = brokenCopy(['packages/oversight'], (file) => {
      appendFileSync(file('app.js'), padding(300 * KB));
      appendFileSync(file('packages/oversight/pages/index/index.js'), padding(1700 * KB));
    });

    const run = checkBroken(dir);

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/main package is \d+\.\d KB, over our budget of 600\.0 KB/);
    expect(run.stderr).toMatch(/subpackage packages\/oversight is \d+\.\d KB, over WeChat's limit of 2048\.0 KB/);
  });

  // Without --fail-fast: the compile and the ES5 stage run after the settings stage has failed.
  it('fails ES2015 shipped when project.config.json turns ES6 转 ES5 off', () => {
    const dir = brokenCopy([], (file) => {
      const config = JSON.parse(readFileSync(file('project.config.json'), 'utf8'));
      writeFileSync(file('project.config.json'), JSON.stringify({ ...config, setting: { ...config.setting, es6: false, enhance: false } }));
      appendFileSync(file('pages/me/index.js'), '\n;wx.shippedAsIs = (text) => text;\n');
    });

    const run = check(dir);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('project.config.json: setting.es6 must be true');
    expect(run.stderr).toMatch(/pages\/me\/index\.js is not ES5: Unexpected token/);
  });

  it('asks for a build when there is none', () => {
    const run = check(path.join(tmpdir(), 'no-such-weapp-build'));

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('run npm run build:weapp first');
  });
});
