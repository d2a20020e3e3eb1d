// The toolchain check (scripts/check.mjs) on the real weapp build, and on broken copies of it: each breakage WeChat
// would refuse (or a resident would suffer) must fail the check, named by the tool that caught it.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDir } from './support/miniprogram';

const script = path.join(__dirname, '..', 'scripts', 'check.mjs');
const KB = 1024;

let copy: string;

/** A copy of the build, changed by `breakIt`. */
function brokenCopy(breakIt: (file: (name: string) => string) => void): string {
  copy = mkdtempSync(path.join(tmpdir(), 'weapp-broken-'));
  cpSync(buildDir, copy, { recursive: true });
  breakIt((name) => path.join(copy, name));
  return copy;
}

const check = (dir: string) => spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });

/** A string literal of random (incompressible) characters, kept by every minifier. */
const padding = (bytes: number) => `\n;wx.__padding${randomBytes(4).toString('hex')}="${randomBytes((bytes * 3) / 4).toString('base64')}";\n`;

afterEach(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('npm run check:weapp', () => {
  it('passes the build and prints what it measured', () => {
    const run = check(buildDir);

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
    const dir = brokenCopy((file) => {
      for (const ext of ['js', 'json', 'wxml', 'wxss']) rmSync(file(`pages/messages/index.${ext}`));
    });

    const run = check(dir);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('miniprogram-ci compile (code 10005): app.json: ["pages"][1] could not find the corresponding file: "pages/messages/index.wxml"');
  });

  it('fails an expression error in a WXML file', () => {
    const dir = brokenCopy((file) => {
      const wxml = file('pages/index/index.wxml');
      writeFileSync(wxml, readFileSync(wxml, 'utf8').replace('{{root:root}}', '{{root:root +}}'));
    });

    const run = check(dir);

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/wcc: .*pages\/index\/index\.wxml:2:\d+: Bad attr `data`/);
  });

  it('fails a syntax error in a JS file', () => {
    const dir = brokenCopy((file) => appendFileSync(file('pages/me/index.js'), '\n;var broken = {;\n'));

    const run = check(dir);

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/miniprogram-ci compile \(code \d+\): file: pages\/me\/index\.js[\s\S]*Unexpected token/);
  });

  it('fails a main package over our 600 KB budget and a subpackage over WeChat’s 2 MB', () => {
    const dir = brokenCopy((file) => {
      appendFileSync(file('app.js'), padding(300 * KB));
      appendFileSync(file('packages/oversight/pages/index/index.js'), padding(1700 * KB));
    });

    const run = check(dir);

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/main package is \d+\.\d KB, over our budget of 600\.0 KB/);
    expect(run.stderr).toMatch(/subpackage packages\/oversight is \d+\.\d KB, over WeChat's limit of 2048\.0 KB/);
  });

  it('fails ES2015 shipped when project.config.json turns ES6 转 ES5 off', () => {
    const dir = brokenCopy((file) => {
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
