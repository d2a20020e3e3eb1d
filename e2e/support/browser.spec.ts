import { chooseBrowser, launchBrowser, SYSTEM_BROWSERS } from './browser';

/** A file system that holds exactly these files. */
const holding = (...files: string[]) => (file: string) => files.includes(file);

describe('which Chromium the journeys use', () => {
  it('takes CHROMIUM_PATH first, even when a system browser is installed', () => {
    const choice = chooseBrowser({ CHROMIUM_PATH: '/opt/chrome-canary/chrome' }, 'linux', holding('/opt/chrome-canary/chrome', '/usr/bin/chromium'));
    expect(choice).toEqual({ source: 'CHROMIUM_PATH', executablePath: '/opt/chrome-canary/chrome' });
  });

  it('refuses a CHROMIUM_PATH that does not exist instead of quietly testing with another browser', () => {
    expect(() => chooseBrowser({ CHROMIUM_PATH: '/nowhere/chrome' }, 'linux', holding('/usr/bin/chromium'))).toThrow('CHROMIUM_PATH=/nowhere/chrome does not exist');
  });

  it("then a system Chromium or Chrome at the usual Linux and macOS paths, Chromium before Chrome", () => {
    expect(chooseBrowser({}, 'linux', holding('/usr/bin/google-chrome', '/usr/bin/chromium'))).toEqual({ source: 'system', executablePath: '/usr/bin/chromium' });
    expect(chooseBrowser({}, 'linux', holding('/usr/bin/google-chrome-stable'))).toEqual({ source: 'system', executablePath: '/usr/bin/google-chrome-stable' });
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(SYSTEM_BROWSERS.darwin).toContain(chrome);
    expect(chooseBrowser({ CHROMIUM_PATH: ' ' }, 'darwin', holding(chrome))).toEqual({ source: 'system', executablePath: chrome });
  });

  it('else the Chromium shipped in the npm package', () => {
    expect(chooseBrowser({}, 'linux', holding())).toEqual({ source: 'npm' });
    // A macOS path on Linux is not a browser of this machine.
    expect(chooseBrowser({}, 'linux', holding('/Applications/Chromium.app/Contents/MacOS/Chromium'))).toEqual({ source: 'npm' });
  });
});

describe('the npm-shipped Chromium', () => {
  it('starts, and draws Chinese with a real font rather than empty boxes', async () => {
    const browser = await launchBrowser({ source: 'npm' });
    try {
      const page = await browser.newPage();
      // Each character drawn alone on a canvas: without a CJK font every one is the same "missing glyph" box.
      const drawings = await page.evaluate(() =>
        ['物', '业', '通', 'A'].map((text) => {
          const canvas = document.createElement('canvas');
          canvas.width = 48;
          canvas.height = 48;
          const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
          ctx.font = '40px sans-serif';
          ctx.fillText(text, 4, 40);
          return canvas.toDataURL();
        }),
      );
      expect(new Set(drawings).size).toBe(4);
    } finally {
      await browser.close();
    }
  });
});
