/**
 * @jest-environment jsdom
 */
// WeChat holds a privacy API until the resident agrees, and asks the app (wx.onNeedPrivacyAuthorization): the
// weapp build answers with its own dialog. And the declarations WeChat checks match what the code calls.
import { readFileSync, readdirSync } from 'node:fs';
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

  it('the README names every privacy API the app uses', () => {
    const used = [...PRIVACY_APIS.filter(calls), ...(/openType="getPhoneNumber"/.test(source) ? ['getPhoneNumber'] : [])];
    const text = readFileSync(readme, 'utf8');

    expect(used.length).toBeGreaterThanOrEqual(6);
    expect(used.filter((api) => !text.includes(`\`${api}\``))).toEqual([]);
  });
});
