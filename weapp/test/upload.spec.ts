// npm run upload:weapp checks its settings before anything else: a missing or wrong one stops it with a line
// naming the setting, before the toolchain check and before any connection to WeChat.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDir } from './support/miniprogram';

const script = path.join(__dirname, '..', 'scripts', 'upload.mjs');
const noNetwork = path.join(__dirname, 'support', 'no-network.cjs');
const APPID = 'wx0123456789abcdef';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'weapp-upload-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function upload(settings: Record<string, string>) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('WECHAT_')));
  return spawnSync(process.execPath, ['--require', noNetwork, script, buildDir], { env: { ...env, ...settings }, encoding: 'utf8' });
}

describe('npm run upload:weapp', () => {
  it('without a key stops at once, says where the key comes from, and contacts nobody', () => {
    const run = upload({ WECHAT_APPID: APPID });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('upload:weapp: nothing was uploaded');
    expect(run.stderr).toContain('Missing setting WECHAT_UPLOAD_KEY: the path of the code-upload key (mp.weixin.qq.com → 开发 → 开发管理 → 开发设置 → 小程序代码上传)');
    expect(run.stdout).not.toContain('WeChat toolchain check');
    expect(run.stderr).not.toContain('NETWORK CALL');
  });

  it('names every wrong setting: a key path with no file, the placeholder AppID, a robot out of range', () => {
    const run = upload({ WECHAT_APPID: 'touristappid', WECHAT_UPLOAD_KEY: path.join(dir, 'missing.key'), WECHAT_UPLOAD_ROBOT: '31' });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid setting WECHAT_APPID: must be the mini-program’s AppID, wx and 16 hex digits');
    expect(run.stderr).toContain(`Invalid setting WECHAT_UPLOAD_KEY: no such file (got "${path.join(dir, 'missing.key')}")`);
    expect(run.stderr).toContain('Invalid setting WECHAT_UPLOAD_ROBOT: must be an integer from 1 to 30 (got "31")');
    expect(run.stderr).not.toContain('NETWORK CALL');
  });

  it('refuses a key file that holds no private key', () => {
    const key = path.join(dir, `private.${APPID}.key`);
    writeFileSync(key, 'not a key\n');

    const run = upload({ WECHAT_APPID: APPID, WECHAT_UPLOAD_KEY: key });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Invalid setting WECHAT_UPLOAD_KEY: is not a private key file (private.<appid>.key) (got "${key}")`);
    expect(run.stderr).not.toContain('NETWORK CALL');
  });
});
