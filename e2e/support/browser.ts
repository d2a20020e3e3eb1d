import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readState } from './stack';

export const ARTIFACTS = path.resolve(__dirname, '../artifacts');
const REPO = path.resolve(__dirname, '../..');

/** Where a system Chromium or Chrome usually lives, Chromium first (it is what Debian and CI had). */
export const SYSTEM_BROWSERS: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome'],
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
};

export type BrowserChoice = { source: 'CHROMIUM_PATH' | 'system'; executablePath: string } | { source: 'npm' };

/**
 * Which Chromium the journeys use: CHROMIUM_PATH when set, else a system Chromium or Chrome at the usual paths, else
 * the one shipped inside the `@sparticuz/chromium` npm package (so `npm ci && npm test` needs no browser installed).
 * A CHROMIUM_PATH that does not exist is an error, not a reason to quietly test with another browser.
 */
export function chooseBrowser(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (file: string) => boolean = fs.existsSync,
): BrowserChoice {
  const given = env.CHROMIUM_PATH?.trim();
  if (given) {
    if (!exists(given)) throw new Error(`CHROMIUM_PATH=${given} does not exist: point it at a Chromium or Chrome executable, or unset it`);
    return { source: 'CHROMIUM_PATH', executablePath: given };
  }
  const system = (SYSTEM_BROWSERS[platform] ?? []).find((file) => exists(file));
  return system ? { source: 'system', executablePath: system } : { source: 'npm' };
}

interface Launchable {
  executablePath: string;
  /** Extra environment for the browser process. */
  env?: Record<string, string>;
  /** Who it is, for the log line and error messages. */
  name: string;
}

/**
 * The Chromium inside `@sparticuz/chromium` (its npm tarball carries the browser, brotli-compressed), unpacked once
 * per version into node_modules/.cache. The package unpacks into the temp folder it is given; we give it a fresh
 * one in a child process and rename that into place, so two test runs unpacking at once never launch a half-written
 * binary. It has no CJK font: fontconfig gets the system's fonts plus Noto Sans SC from `@embedpdf/fonts-sc`,
 * so Chinese in screenshots is readable on a machine without fonts-noto-cjk.
 */
function npmChromium(): Launchable {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`No Chromium found: install Chromium or Chrome, or set CHROMIUM_PATH (the npm-shipped one is for Linux x64 only, this is ${process.platform} ${process.arch})`);
  }
  const packageDir = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '../..');
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const home = path.join(REPO, 'node_modules/.cache/wuye-chromium', version);
  if (!fs.existsSync(path.join(home, 'chromium'))) {
    fs.mkdirSync(path.dirname(home), { recursive: true });
    const staging = fs.mkdtempSync(`${home}.unpacking-`);
    try {
      execFileSync(process.execPath, ['-e', 'require("@sparticuz/chromium").executablePath().then((p) => process.stdout.write(p))'], {
        cwd: __dirname,
        env: { ...process.env, TMPDIR: staging },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      fs.renameSync(staging, home);
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true });
      // Another run unpacked it first: use theirs.
      if (!fs.existsSync(path.join(home, 'chromium'))) throw error;
    }
  }
  return { executablePath: path.join(home, 'chromium'), env: { FONTCONFIG_FILE: fontConfig(home) }, name: `@sparticuz/chromium ${version} (npm)` };
}

/**
 * fontconfig's settings for the npm-shipped Chromium: the system's fonts plus the npm package's (written where they
 * are now), and that Noto font first for sans-serif, Latin letters and digits included, as on a Chinese phone (and as
 * with Debian's fonts-noto-cjk): the layout journeys measure text, and DejaVu's digits are a good deal wider.
 */
function fontConfig(home: string): string {
  const fonts = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '../fonts');
  const file = path.join(home, 'fonts.conf');
  const text =
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
    `  <dir>${fonts}</dir>\n  <cachedir>${path.join(home, 'fontconfig')}</cachedir>\n` +
    `  <alias binding="strong"><family>sans-serif</family><prefer><family>Noto Sans S Chinese</family></prefer></alias>\n</fontconfig>\n`;
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
    // Through a rename: a browser starting in another run never reads half a file.
    const next = `${file}.${process.pid}`;
    fs.writeFileSync(next, text);
    fs.renameSync(next, file);
  }
  return file;
}

/** The executable (and environment) for a choice of chooseBrowser(). */
export function locateBrowser(choice: BrowserChoice = chooseBrowser()): Launchable {
  if (choice.source === 'npm') return npmChromium();
  return { executablePath: choice.executablePath, name: `${choice.executablePath} (${choice.source === 'system' ? 'system' : 'CHROMIUM_PATH'})` };
}

/** Headless Chromium with no background traffic (the machine has no internet). */
export async function launchBrowser(choice: BrowserChoice = chooseBrowser()): Promise<Browser> {
  const browser = locateBrowser(choice);
  try {
    return await chromium.launch({
      executablePath: browser.executablePath,
      env: browser.env ? { ...process.env, ...browser.env } : undefined,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
    });
  } catch (error) {
    const hint = choice.source === 'npm' ? ' (it needs the NSS libraries: apt-get install -y libnss3)' : '';
    throw new Error(`Could not start ${browser.name}${hint}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export interface Journey {
  browser: Browser;
  page: Page;
  baseUrl: string;
  /** JavaScript errors the page threw: a journey fails if there are any. */
  errors: string[];
  close(): Promise<void>;
}

/** A phone-sized page (iPhone-ish viewport, touch) on the app, collecting page errors. */
export async function openApp(options: { fontScale?: number } = {}): Promise<Journey> {
  const { baseUrl } = readState();
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (options.fontScale) {
    await page.addInitScript((scale) => {
      document.addEventListener('DOMContentLoaded', () => {
        document.documentElement.style.fontSize = `${16 * scale}px`;
      });
    }, options.fontScale);
  }
  return {
    browser,
    page,
    baseUrl,
    errors,
    close: async () => {
      await browser.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
