#!/usr/bin/env node
// The WeChat build under WeChat's own tools, offline (run after `npm run build:weapp`):
//   1. project.config.json keeps the upload's compile settings on (ES6 转 ES5, minify);
//   2. wcc compiles every WXML and WXS file (expression errors, unclosed tags), wcsc every WXSS file (the compilers
//      WeChat DevTools uses);
//   3. miniprogram-ci compiles the build as an upload does (its getCompiledResult: syntax errors in JS, broken
//      WXSS, pages in app.json without their files);
//   4. the package as it would be uploaded stays within WeChat's size limits and our main-package budget;
//   5. every JS file of that package parses as ES5, which `es6` promises for old phones.
// Usage: node scripts/check.mjs [--fail-fast] [build folder, default miniapp/dist/weapp]. Exit status 1 on any
// problem. --fail-fast skips the stages after the first one that found a problem (the tests of broken copies use it
// so that a broken template does not wait for a whole compile).
import { accessSync, chmodSync, constants, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COMPILE_SETTING, compileThreads, createProject, defaultBuildDir, loadBuild, missingSettings, reportProblems, runToExit } from './wechat-project.mjs';

const require = createRequire(import.meta.url);

const KB = 1024;
const MB = 1024 * KB;
/** WeChat's limits per package and for the whole, and our own budget for the main package (first start). */
const LIMITS = { mainBudget: 600 * KB, main: 2 * MB, subpackage: 2 * MB, total: 20 * MB };

/**
 * The project's attributes as WeChat answers them for an ordinary mini-program (miniprogram-ci's own defaults with
 * today's 20 MB total). Given locally, the compile needs no key and no network.
 */
const OFFLINE_ATTR = {
  platform: false,
  appType: 0,
  isSandbox: false,
  released: false,
  setting: {
    MaxCodeSize: 2,
    MaxSubpackageSubCodeSize: 2,
    MaxSubpackageFullCodeSize: 20,
    NavigateMiniprogramLimit: 10,
    MaxSubPackageLimit: 100,
    MinTabbarCount: 2,
    MaxTabbarCount: 5,
    MaxCustomTabbarCount: 10,
    MaxTabbarIconSize: 40,
  },
};

/** Compiler messages quote whole lines of minified code: keep each line readable. */
const clip = (text, max = 400) =>
  String(text)
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, 12)
    .map((line) => (line.length > max ? `${line.slice(0, max)}…` : line))
    .join('\n    ');

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

function listFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(full, base);
    return [path.relative(base, full).split(path.sep).join('/')];
  });
}

/**
 * wcc and wcsc as miniprogram-compiler ships them. WeChat builds them for x86-64 only: Linux x86-64, macOS (Apple
 * silicon runs them through Rosetta 2) and Windows. Elsewhere the check says so and fails; it never skips.
 */
function wechatCompilers() {
  const { platform, arch } = process;
  const folder = { linux: 'linux', darwin: 'mac', win32: 'windows' }[platform];
  if (!folder || (platform === 'linux' && arch !== 'x64')) {
    return {
      problem: `wcc and wcsc (miniprogram-compiler) exist for linux-x64, macOS and Windows only, not for ${platform}-${arch}: run npm run check:weapp on one of those (CI runs on linux-x64)`,
    };
  }
  const binDir = path.join(path.dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', folder);
  if (platform !== 'win32') {
    for (const name of ['wcc', 'wcsc']) {
      const binary = path.join(binDir, name);
      try {
        accessSync(binary, constants.X_OK);
      } catch {
        // npm unpacks the binaries without their execute bit.
        try {
          chmodSync(binary, 0o755);
        } catch (error) {
          return { problem: `${binary} is not executable and cannot be made so (${error.code ?? error.message}): chmod +x it` };
        }
      }
    }
  }
  return { wcc: require('miniprogram-compiler/src/wcc'), wcsc: require('miniprogram-compiler/src/wcsc') };
}

function checkProjectSettings(build) {
  const problems = missingSettings(build.projectConfig);
  return { summary: problems.length === 0 ? 'es6, enhance and minify settings on' : 'upload settings off', problems };
}

function checkTemplatesAndStyles(buildDir, files) {
  const compilers = wechatCompilers();
  if (compilers.problem) return { summary: 'not run', problems: [compilers.problem] };
  const strip = (file, ext) => file.slice(0, -ext.length);
  const wxml = files.filter((file) => file.endsWith('.wxml')).map((file) => strip(file, '.wxml'));
  const wxs = files.filter((file) => file.endsWith('.wxs'));
  const wxss = files.filter((file) => file.endsWith('.wxss')).map((file) => strip(file, '.wxss'));
  // The compiled templates of the whole app come back on stdout: far more than spawnSync's default buffer.
  const options = { maxBuffer: 256 * MB };
  const problems = [];
  try {
    compilers.wcc(buildDir, wxml, wxs, options);
  } catch (error) {
    problems.push(`wcc: ${clip(error.message)}`);
  }
  // The wcsc wrapper returns its error instead of throwing it.
  const styles = compilers.wcsc(buildDir, wxss, options);
  if (styles instanceof Error) problems.push(`wcsc: ${clip(styles.message)}`);
  return { summary: `${wxml.length} WXML, ${wxs.length} WXS, ${wxss.length} WXSS files`, problems };
}

/** Routes every request miniprogram-ci makes to a closed loopback port: the check never talks to WeChat. */
function keepOffline() {
  for (const name of ['NO_PROXY', 'no_proxy', 'https_proxy', 'http_proxy']) delete process.env[name];
  process.env.HTTPS_PROXY = 'http://127.0.0.1:9';
  process.env.HTTP_PROXY = 'http://127.0.0.1:9';
}

async function compileAsUpload(buildDir, build) {
  keepOffline();
  const keyDir = mkdtempSync(path.join(tmpdir(), 'weapp-check-'));
  // miniprogram-ci insists on a key file; with `attr` given it never uses it.
  const privateKeyPath = path.join(keyDir, 'placeholder.key');
  writeFileSync(privateKeyPath, '-----BEGIN RSA PRIVATE KEY-----\nplaceholder\n-----END RSA PRIVATE KEY-----\n');
  // miniprogram-ci logs its progress and its failed calls to WeChat on the console: keep them out of the report.
  const log = [];
  const saved = { log: console.log, debug: console.debug, info: console.info, warn: console.warn };
  console.log = console.debug = console.info = console.warn = (...args) => log.push(args.join(' '));
  try {
    const ci = require('miniprogram-ci');
    const project = createProject(ci, { buildDir, appid: build.projectConfig.appid || 'touristappid', privateKeyPath, attr: OFFLINE_ATTR });
    const result = await ci.getCompiledResult({ project, setting: COMPILE_SETTING, threads: compileThreads() });
    return { summary: `${Object.keys(result).length} files in the package`, problems: [], result };
  } catch (error) {
    return { summary: 'failed', problems: [`miniprogram-ci compile${error?.code ? ` (code ${error.code})` : ''}: ${clip(error?.message ?? error)}`] };
  } finally {
    Object.assign(console, saved);
    rmSync(keyDir, { recursive: true, force: true });
  }
}

/** Bytes per package of the compiled package, as WeChat counts them. */
function measurePackages(files, subpackageRoots) {
  const sizes = new Map([['main', 0], ...subpackageRoots.map((root) => [root, 0])]);
  for (const [file, content] of Object.entries(files)) {
    const owner = subpackageRoots.find((root) => file.startsWith(`${root}/`)) ?? 'main';
    sizes.set(owner, sizes.get(owner) + Buffer.byteLength(content));
  }
  return sizes;
}

function checkSizes(compiled, build) {
  if (!compiled.result) return { summary: 'not measured: the compile failed', problems: [], notRun: true };
  const sizes = measurePackages(compiled.result, build.subpackageRoots);
  const total = [...sizes.values()].reduce((sum, bytes) => sum + bytes, 0);
  const problems = [];
  const rows = [];
  for (const [name, bytes] of sizes) {
    const limit = name === 'main' ? LIMITS.main : LIMITS.subpackage;
    const label = name === 'main' ? 'main package' : `subpackage ${name}`;
    if (bytes > limit) problems.push(`${label} is ${kb(bytes)}, over WeChat's limit of ${kb(limit)}`);
    else if (name === 'main' && bytes > LIMITS.mainBudget) problems.push(`main package is ${kb(bytes)}, over our budget of ${kb(LIMITS.mainBudget)}`);
    rows.push([name, kb(bytes), name === 'main' ? `${kb(LIMITS.mainBudget)} (WeChat ${kb(limit)})` : kb(limit)]);
  }
  if (total > LIMITS.total) problems.push(`the whole package is ${kb(total)}, over WeChat's limit of ${kb(LIMITS.total)}`);
  rows.push(['total', kb(total), kb(LIMITS.total)]);
  return { summary: `main ${kb(sizes.get('main'))}, total ${kb(total)}`, problems, rows };
}

function checkEsLevel(compiled) {
  if (!compiled.result) return { summary: 'not run: the compile failed', problems: [], notRun: true };
  const acorn = require('acorn');
  const scripts = Object.entries(compiled.result).filter(([file]) => file.endsWith('.js'));
  const problems = [];
  for (const [file, content] of scripts) {
    try {
      acorn.parse(Buffer.isBuffer(content) ? content.toString('utf8') : content, { ecmaVersion: 5, sourceType: 'script' });
    } catch (error) {
      problems.push(`${file} is not ES5: ${error.message}`);
    }
  }
  return { summary: `${scripts.length} JS files`, problems };
}

function printTable(rows) {
  const header = ['package', 'size', 'limit'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  for (const row of all) console.log(`    ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`);
}

async function main() {
  const started = Date.now();
  const args = process.argv.slice(2);
  const failFast = args.includes('--fail-fast');
  const buildDir = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? defaultBuildDir);
  const build = loadBuild('check:weapp', buildDir);
  if (!build) return 1;
  console.log(`WeChat toolchain check of ${path.relative(process.cwd(), buildDir) || '.'}`);
  const files = listFiles(buildDir);
  const stages = [];
  const run = async (name, stage) => {
    const at = Date.now();
    const failed = failFast && stages.some((earlier) => earlier.problems.length > 0);
    const outcome = failed ? { summary: 'skipped: an earlier stage failed (--fail-fast)', problems: [], notRun: true } : await stage();
    stages.push({ name, ...outcome });
    const mark = outcome.problems.length > 0 ? '✖' : outcome.notRun ? '–' : '✔';
    console.log(`  ${mark} ${name.padEnd(22)} ${outcome.summary} (${((Date.now() - at) / 1000).toFixed(1)} s)`);
    if (outcome.rows) printTable(outcome.rows);
    return outcome;
  };

  await run('project settings', () => checkProjectSettings(build));
  await run('wcc and wcsc', () => checkTemplatesAndStyles(buildDir, files));
  const compiled = await run('miniprogram-ci compile', () => compileAsUpload(buildDir, build));
  await run('package sizes', () => checkSizes(compiled, build));
  await run('ES5', () => checkEsLevel(compiled));

  const problems = stages.flatMap((stage) => stage.problems);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (problems.length > 0) {
    reportProblems(`\ncheck:weapp: ${problems.length} problem${problems.length === 1 ? '' : 's'} (${seconds} s)`, problems);
    return 1;
  }
  console.log(`check:weapp: passed (${seconds} s)`);
  return 0;
}

runToExit(main);
