#!/usr/bin/env node
// Package size budget for the WeChat build (run after `npm run build:weapp`):
// the main package must stay ≤ 1.5 MB (WeChat's hard limit is 2 MB; the margin is for the pages still to come)
// and every subpackage ≤ 2 MB (WeChat's limit). Usage: node scripts/size-check.mjs [dist/weapp folder]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN_LIMIT = 1.5 * 1024 * 1024;
const SUBPACKAGE_LIMIT = 2 * 1024 * 1024;

const miniappRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const distDir = path.resolve(process.argv[2] ?? path.join(miniappRoot, 'dist', 'weapp'));

function fail(message) {
  console.error(`size-check: ${message}`);
  process.exit(1);
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

const kb = (bytes) => (bytes / 1024).toFixed(1);

if (!existsSync(distDir) || !statSync(distDir).isDirectory()) {
  fail(`${distDir} does not exist: run npm run build:weapp first`);
}
const appJsonPath = path.join(distDir, 'app.json');
if (!existsSync(appJsonPath)) fail(`${appJsonPath} is missing: run npm run build:weapp first`);

let appJson;
try {
  appJson = JSON.parse(readFileSync(appJsonPath, 'utf8'));
} catch (error) {
  fail(`cannot read ${appJsonPath}: ${error.message}`);
}
// WeChat accepts both spellings.
const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => sub.root.replace(/^\/+|\/+$/g, ''));

const sizes = new Map([['main', 0], ...roots.map((root) => [root, 0])]);
for (const file of listFiles(distDir)) {
  const relative = path.relative(distDir, file).split(path.sep).join('/');
  const owner = roots.find((root) => relative.startsWith(`${root}/`)) ?? 'main';
  sizes.set(owner, sizes.get(owner) + statSync(file).size);
}

const problems = [];
const rows = [...sizes].map(([name, bytes]) => {
  const limit = name === 'main' ? MAIN_LIMIT : SUBPACKAGE_LIMIT;
  if (bytes > limit) {
    problems.push(
      `${name === 'main' ? 'main package' : `subpackage ${name}`} is ${kb(bytes)} KB, over its limit of ${kb(limit)} KB`,
    );
  }
  return [name, kb(bytes), kb(limit), bytes > limit ? 'OVER' : 'ok'];
});
const total = [...sizes.values()].reduce((sum, bytes) => sum + bytes, 0);
rows.push(['total', kb(total), '', '']);

const header = ['package', 'size (KB)', 'limit (KB)', ''];
const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
const format = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
console.log(`Package sizes of ${path.relative(process.cwd(), distDir) || '.'}`);
console.log(format(header));
for (const row of rows) console.log(format(row));

if (problems.length > 0) fail(problems.join('; '));
console.log('size-check: all packages within their limits');
