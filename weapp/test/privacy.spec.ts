/**
 * @jest-environment jsdom
 */
// WeChat holds a privacy API until the resident agrees, and asks the app (wx.onNeedPrivacyAuthorization): the
// weapp build answers with its own dialog. And the declarations WeChat checks match what the code calls.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { RESIDENT, routesFor } from './support/fixtures';
import { buildDir, launch, pageOpener } from './support/miniprogram';

const miniappSrc = path.resolve(__dirname, '..', '..', 'miniapp', 'src');
const readme = path.resolve(__dirname, '..', '..', 'README.md');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [full] : [];
  });
}
const source = sourceFiles(miniappSrc)
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
const calls = (api: string) => new RegExp(`Taro\\.${api}\\(`).test(source);

/** The files a module's relative imports bring code from (`import type` brings none), resolved as the bundler does. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?['"](\.[^'"]*)['"]/gm)]
    .filter((match) => !match[1])
    .map((match) => path.resolve(path.dirname(file), match[2]))
    .map((base) => [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile()))
    .filter((found): found is string => found !== undefined && /\.tsx?$/.test(found));
}

/** A page's module and every module it imports code from, directly or not. */
function moduleClosure(entry: string): string[] {
  const seen = new Set<string>([entry]);
  for (const file of seen) for (const imported of runtimeImports(file)) seen.add(imported);
  return [...seen];
}

/** Every page of the build (app.json: the main package's and each subpackage's). */
function builtPages(): string[] {
  const appJson = JSON.parse(readFileSync(path.join(buildDir, 'app.json'), 'utf8')) as { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> };
  return [...appJson.pages, ...appJson.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))];
}

describe('the privacy dialog of the weapp build', () => {
  const app = launch(routesFor(RESIDENT));
  const open = pageOpener(app);

  it('says why photos, a place and the phone number are needed, and agreeing lets the held call go on', async () => {
    const me = open('pages/me/index', routesFor(RESIDENT));
    await me.waitForText('张阿姨');
    expect(me.text()).not.toContain('隐私保护提示');

    const request = app.needPrivacyAuthorization('button.getPhoneNumber');

    await me.waitForText('隐私保护提示');
    expect(me.text()).toContain('照片和文件 随手拍报事、检查和巡检时附上现场照片；物业公示上传收支凭证（照片或 PDF）。');
    expect(me.text()).toContain('位置 报事时在地图上选出问题所在的地点');
    expect(me.text()).toContain('手机号 绑定手机号，方便物业联系您、核实身份');
    expect(request.answers).toEqual([{ event: 'exposureAuthorization' }]);

    // Only WeChat's agreePrivacyAuthorization event agrees (it comes from the open-type button), not a plain tap.
    await me.fire('privacy-agree');
    expect(request.answers).toEqual([{ event: 'exposureAuthorization' }]);
    await me.fire('privacy-agree', 'agreeprivacyauthorization');

    expect(request.answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }]);
    await me.waitUntilGone('隐私保护提示');
  });

  it('首页 has it too (拨打物业电话), saying why a call is made; 拒绝 lets the held call fail', async () => {
    const home = open('pages/index/index', routesFor(RESIDENT));
    await home.waitForText('阳光新城');

    const request = app.needPrivacyAuthorization('makePhoneCall');

    await home.waitForText('隐私保护提示');
    expect(home.text()).toContain('拨打电话 回访时拨打业主留下的电话，首页拨打小区的物业电话；只在您点“拨打”时拨出。');
    await home.fire('privacy-decline');
    expect(request.answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
    await home.waitUntilGone('隐私保护提示');
  });

  it('links to the privacy guide, a page of the app', async () => {
    const me = open('pages/me/index', routesFor(RESIDENT));
    await me.waitForText('张阿姨');
    app.needPrivacyAuthorization('chooseLocation');
    await me.waitForText('《物业通隐私保护指引》');

    await me.fire('privacy-link');

    expect(app.navigations).toEqual(['/packages/account/pages/privacy/index']);
    await me.fire('privacy-decline');
    const guide = open('packages/account/pages/privacy/index', routesFor(RESIDENT));
    await guide.waitForText('物业通隐私保护指引');
    expect(guide.text()).toContain('照片上传后重新压缩，并去除拍摄地点、设备等附带信息（EXIF）');
    expect(guide.text()).toContain('只显示“3栋业主”这样的称呼');
  });
});

describe('the privacy declarations', () => {
  // WeChat's location APIs: each one in requiredPrivateInfos needs its own approval in the admin console.
  const LOCATION_APIS = ['getLocation', 'getFuzzyLocation', 'chooseLocation', 'choosePoi', 'chooseAddress', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground'];
  // APIs and components on WeChat's privacy list (the user-privacy guide of the admin console must declare each).
  const PRIVACY_APIS = ['chooseImage', 'chooseMedia', 'chooseVideo', 'chooseMessageFile', 'setClipboardData', 'getClipboardData', 'saveImageToPhotosAlbum', 'scanCode', 'makePhoneCall', 'addPhoneContact', ...LOCATION_APIS];

  it('requiredPrivateInfos lists exactly the location APIs the code calls', () => {
    const appJson = JSON.parse(readFileSync(path.join(buildDir, 'app.json'), 'utf8'));

    expect([...appJson.requiredPrivateInfos].sort()).toEqual(LOCATION_APIS.filter(calls).sort());
    expect(appJson.requiredPrivateInfos).toEqual(['chooseLocation']);
  });

  it('the README’s privacy table names every privacy API the app uses', () => {
    const used = [...PRIVACY_APIS.filter(calls), ...(/openType="getPhoneNumber"/.test(source) ? ['getPhoneNumber'] : [])];
    // The table's rows under "### Privacy": the API is the first cell (`makePhoneCall`, `getPhoneNumber` (button)).
    const section = readFileSync(readme, 'utf8').split(/^### Privacy.*$/m)[1]?.split(/^#{2,3} /m)[0] ?? '';
    const listed = [...section.matchAll(/^\| `(\w+)`[^|]*\|/gm)].map((row) => row[1]);

    expect(used.length).toBeGreaterThanOrEqual(8);
    expect(used.filter((api) => !listed.includes(api))).toEqual([]);
    expect(listed.filter((api) => !used.includes(api))).toEqual([]);
  });

  // WeChat holds the call until the page's dialog answers (services/privacy.ts): a page without one waits forever,
  // with nothing on screen. Followed through each page's imports, so a shared component (PhotoPicker, ContactCall)
  // counts for every page that uses it.
  it('every page whose code reaches a privacy API renders the privacy dialog', () => {
    // Calls the weapp build never makes: ShareButton copies a link only on H5 (on WeChat it opens the share sheet).
    const H5_ONLY = [{ file: 'components/ShareCard/index.tsx', api: 'setClipboardData' }];
    const privacyCalls = (file: string) => {
      const text = readFileSync(file, 'utf8');
      const relative = path.relative(miniappSrc, file).split(path.sep).join('/');
      return [...PRIVACY_APIS.filter((api) => new RegExp(`Taro\\.${api}\\(`).test(text)), ...(/openType="getPhoneNumber"/.test(text) ? ['getPhoneNumber'] : [])].filter(
        (api) => !H5_ONLY.some((only) => only.file === relative && only.api === api),
      );
    };
    const reaching = builtPages()
      .map((page) => ({ page, file: path.join(miniappSrc, `${page}.tsx`) }))
      .map(({ page, file }) => ({ page, file, apis: [...new Set(moduleClosure(file).flatMap(privacyCalls))].sort() }))
      .filter(({ apis }) => apis.length > 0);
    const withoutDialog = reaching.filter(({ file }) => !/<PrivacyDialog\b/.test(readFileSync(file, 'utf8'))).map(({ page, apis }) => `${page} (${apis.join(', ')})`);

    expect(reaching.map(({ page }) => page)).toEqual(
      expect.arrayContaining(['pages/index/index', 'pages/me/index', 'packages/tickets/pages/report/index', 'packages/work/pages/visits/index', 'packages/meetings/pages/mediation/index', 'packages/inspections/pages/form/index', 'packages/patrols/pages/index/index']),
    );
    expect(withoutDialog).toEqual([]);
  });
});
