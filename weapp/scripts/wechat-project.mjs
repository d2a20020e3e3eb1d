// What the toolchain check and the upload share: where the WeChat build is, its project settings, and the
// miniprogram-ci project over it. The check compiles exactly as the upload does, so what it passes uploads.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const weappRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const defaultBuildDir = path.resolve(weappRoot, '..', 'miniapp', 'dist', 'weapp');

/**
 * Compile settings of project.config.json that an upload relies on. `es6` (with `enhance`) is WeChat's "ES6 转 ES5":
 * it parses every JS file, adds helpers for what old phones lack, and promises ES5 in the package. The minify
 * settings shrink the package and are the only compile steps that parse every WXML and WXSS file.
 */
export const REQUIRED_SETTINGS = ['es6', 'enhance', 'minified', 'minifyWXML', 'minifyWXSS'];

/** Both the check and the upload take the compile settings from project.config.json, as WeChat DevTools does. */
export const COMPILE_SETTING = { useProjectConfig: true };

/** Compile with every core: the compile runs in worker processes. */
export const compileThreads = () => availableParallelism();

class BuildError extends Error {}

function readJson(file, what) {
  if (!existsSync(file)) throw new BuildError(`${file} is missing: run npm run build:weapp first`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BuildError(`${what} ${file} is not valid JSON: ${error.message}`);
  }
}

/** The build's project.config.json (Taro copies miniapp/project.config.json there) and app.json. */
function readBuild(buildDir) {
  const projectConfig = readJson(path.join(buildDir, 'project.config.json'), 'project config');
  const appJson = readJson(path.join(buildDir, 'app.json'), 'app config');
  const subpackageRoots = (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => String(sub.root).replace(/^\/+|\/+$/g, ''));
  return { projectConfig, appJson, subpackageRoots };
}

/** The required settings that project.config.json leaves off, each as a readable line. */
export function missingSettings(projectConfig) {
  const setting = projectConfig.setting ?? {};
  return REQUIRED_SETTINGS.filter((key) => setting[key] !== true).map((key) => `project.config.json: setting.${key} must be true`);
}

/**
 * A miniprogram-ci project over the build. `attr` (the project's attributes as WeChat answers them for the key)
 * given locally keeps the compile offline; without it miniprogram-ci asks WeChat with the key.
 */
export function createProject(ci, { buildDir, appid, privateKeyPath, attr }) {
  return new ci.Project({
    appid,
    type: 'miniProgram',
    projectPath: buildDir,
    privateKeyPath,
    ignores: ['node_modules/**/*'],
    ...(attr ? { attr: async () => attr } : {}),
  });
}

/** The build for a script (`name: reason` on stderr and null when there is none to use). */
export function loadBuild(name, buildDir) {
  try {
    return readBuild(buildDir);
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    console.error(`${name}: ${error.message}`);
    return null;
  }
}

/** A headline and one line per problem, on stderr. */
export function reportProblems(headline, problems) {
  console.error(headline);
  for (const problem of problems) console.error(`  - ${problem}`);
}

/** Runs a script's main and exits with its status: miniprogram-ci leaves its compile workers running. */
export function runToExit(main) {
  main().then(
    (status) => process.exit(status),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
