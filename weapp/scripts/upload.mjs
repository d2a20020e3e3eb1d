#!/usr/bin/env node
// npm run upload:weapp: uploads the weapp build (npm run build:weapp) as a development version with miniprogram-ci,
// after the toolchain check passed on it. Then choose it as 体验版 in the admin console (README: 从 AppID 到体验版).
// Settings (environment variables, checked before anything else runs):
//   WECHAT_APPID           the mini-program's AppID (the same setting the API uses)
//   WECHAT_UPLOAD_KEY      path of the code-upload key (代码上传密钥) downloaded from the admin console
//   WECHAT_UPLOAD_VERSION  version shown in the console, default the version in miniapp/package.json
//   WECHAT_UPLOAD_DESC     description shown in the console, default "物业通 <version>"
//   WECHAT_UPLOAD_ROBOT    which of WeChat's 30 CI robots uploads (1–30, default 1)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { COMPILE_SETTING, compileThreads, createProject, defaultBuildDir, loadBuild, missingSettings, reportProblems, runToExit, weappRoot } from './wechat-project.mjs';

const require = createRequire(import.meta.url);

function invalid(name, rule, value) {
  return `Invalid setting ${name}: ${rule}${value === undefined ? '' : ` (got "${value}")`}`;
}

/** The upload's settings, or the lines that say what is wrong; nothing here touches the network. */
function uploadSettings(env, build) {
  const problems = [];
  const appid = env.WECHAT_APPID ?? '';
  if (!/^wx[0-9a-f]{16}$/.test(appid)) {
    problems.push(invalid('WECHAT_APPID', 'must be the mini-program’s AppID, wx and 16 hex digits (mp.weixin.qq.com → 开发 → 开发管理)', appid || undefined));
  }
  const keyPath = env.WECHAT_UPLOAD_KEY ?? '';
  if (!keyPath) {
    problems.push('Missing setting WECHAT_UPLOAD_KEY: the path of the code-upload key (mp.weixin.qq.com → 开发 → 开发管理 → 开发设置 → 小程序代码上传)');
  } else if (!existsSync(keyPath)) {
    problems.push(invalid('WECHAT_UPLOAD_KEY', 'no such file', keyPath));
  } else if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(readFileSync(keyPath, 'utf8'))) {
    problems.push(invalid('WECHAT_UPLOAD_KEY', 'is not a private key file (private.<appid>.key)', keyPath));
  }
  const miniapp = JSON.parse(readFileSync(path.resolve(weappRoot, '..', 'miniapp', 'package.json'), 'utf8'));
  const version = env.WECHAT_UPLOAD_VERSION || miniapp.version;
  const robotText = env.WECHAT_UPLOAD_ROBOT ?? '1';
  const robot = Number(robotText);
  if (!Number.isInteger(robot) || robot < 1 || robot > 30) problems.push(invalid('WECHAT_UPLOAD_ROBOT', 'must be an integer from 1 to 30', robotText));
  problems.push(...missingSettings(build.projectConfig));
  return { problems, appid, keyPath, version, desc: env.WECHAT_UPLOAD_DESC || `物业通 ${version}`, robot };
}

async function main() {
  const buildDir = path.resolve(process.argv[2] ?? defaultBuildDir);
  const build = loadBuild('upload:weapp', buildDir);
  if (!build) return 1;
  const settings = uploadSettings(process.env, build);
  if (settings.problems.length > 0) {
    reportProblems('upload:weapp: nothing was uploaded', settings.problems);
    return 1;
  }

  // Upload only what WeChat's own tools accept.
  const checked = spawnSync(process.execPath, [path.join(weappRoot, 'scripts', 'check.mjs'), buildDir], { stdio: 'inherit' });
  if (checked.status !== 0) {
    console.error('upload:weapp: the toolchain check failed; nothing was uploaded');
    return 1;
  }

  const ci = require('miniprogram-ci');
  const project = createProject(ci, { buildDir, appid: settings.appid, privateKeyPath: settings.keyPath });
  console.log(`Uploading ${settings.appid} version ${settings.version} (robot ${settings.robot})…`);
  try {
    const result = await ci.upload({
      project,
      version: settings.version,
      desc: settings.desc,
      robot: settings.robot,
      setting: COMPILE_SETTING,
      threads: compileThreads(),
      onProgressUpdate: () => {},
    });
    for (const { name, size } of result.subPackageInfo ?? []) {
      const label = name === '__FULL__' ? 'whole package' : name === '__APP__' ? 'main package' : name;
      console.log(`  ${label.padEnd(24)} ${(size / 1024).toFixed(1)} KB`);
    }
    console.log(`upload:weapp: uploaded ${settings.version}. Choose it as 体验版 in the admin console (版本管理 → 开发版本).`);
    return 0;
  } catch (error) {
    const message = String(error?.message ?? error);
    console.error(`upload:weapp: WeChat refused the upload: ${message}`);
    if (/ip|白名单/i.test(message)) console.error('  This machine’s IP may be missing from the key’s IP whitelist (开发设置 → 小程序代码上传 → IP白名单).');
    return 1;
  }
}

runToExit(main);
