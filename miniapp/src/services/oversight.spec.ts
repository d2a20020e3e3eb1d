import Taro from '../../test/stubs/taro';
import { ApiError } from './http';
import { downloadStatsExport } from './oversight';
import { setTokens } from './session';

const originalEnv = process.env.TARO_ENV;
afterEach(() => {
  process.env.TARO_ENV = originalEnv;
});

beforeEach(() => {
  setTokens({ accessToken: 'tok-1', refreshToken: 'refresh' });
});

describe('xlsx exports', () => {
  it('WeChat: downloads with the bearer token and opens the file in the document viewer', async () => {
    process.env.TARO_ENV = 'weapp';
    const download = jest.spyOn(Taro, 'downloadFile').mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/stats.xlsx' });
    const open = jest.spyOn(Taro, 'openDocument');

    await downloadStatsExport(1, '2026-01-01', '2026-11-29', '清河县');

    expect(download).toHaveBeenCalledWith({ url: 'http://127.0.0.1:3000/api/v1/stats/export.xlsx?areaId=1&from=2026-01-01&to=2026-11-29', header: { Authorization: 'Bearer tok-1' } });
    expect(open).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/stats.xlsx', fileType: 'xlsx', showMenu: true });
  });

  it('WeChat: an expired access token is refreshed and the download tried once more with the new one', async () => {
    process.env.TARO_ENV = 'weapp';
    const download = jest
      .spyOn(Taro, 'downloadFile')
      .mockResolvedValueOnce({ statusCode: 401, tempFilePath: '' })
      .mockResolvedValueOnce({ statusCode: 200, tempFilePath: 'wxfile://tmp/stats.xlsx' });
    const api = jest.spyOn(Taro, 'request').mockImplementation(async (options) =>
      options.url.endsWith('/api/v1/auth/refresh')
        ? { statusCode: 200, data: { accessToken: 'tok-2', refreshToken: 'refresh-2' } }
        : options.header?.Authorization === 'Bearer tok-2'
          ? { statusCode: 200, data: { id: 1 } }
          : { statusCode: 401, data: { statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期' } },
    );
    const open = jest.spyOn(Taro, 'openDocument');

    await downloadStatsExport(1, '2026-01-01', '2026-11-29', '清河县');

    expect(download.mock.calls.map(([options]) => options.header?.Authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(api.mock.calls.some(([options]) => options.url.endsWith('/api/v1/auth/refresh'))).toBe(true);
    expect(open).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/stats.xlsx', fileType: 'xlsx', showMenu: true });
  });

  it('WeChat: a refused download is an error with a message, and nothing is opened', async () => {
    process.env.TARO_ENV = 'weapp';
    jest.spyOn(Taro, 'downloadFile').mockResolvedValue({ statusCode: 404, tempFilePath: '' });
    const open = jest.spyOn(Taro, 'openDocument');

    await expect(downloadStatsExport(8, '2026-01-01', '2026-11-29', '西山乡')).rejects.toMatchObject({ message: '下载失败，请稍后重试' });
    expect(open).not.toHaveBeenCalled();
  });

  it('H5: fetches with the bearer token and saves the blob under a readable name; an API refusal keeps its message', async () => {
    process.env.TARO_ENV = 'h5';
    // jsdom has no fetch Response: just what the download reads of one.
    const answer = (status: number, body: unknown) => ({ ok: status < 300, status, blob: async () => new Blob(['xlsx-bytes']), json: async () => body });
    const fetchMock = jest.fn().mockResolvedValueOnce(answer(200, null));
    global.fetch = fetchMock as unknown as typeof fetch;
    const created: string[] = [];
    URL.createObjectURL = jest.fn(() => 'blob:stats');
    URL.revokeObjectURL = jest.fn();
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      created.push(this.download);
    });

    await downloadStatsExport(1, '2026-01-01', '2026-11-29', '清河县');

    expect(fetchMock).toHaveBeenCalledWith('/api/v1/stats/export.xlsx?areaId=1&from=2026-01-01&to=2026-11-29', { headers: { Authorization: 'Bearer tok-1' } });
    expect(click).toHaveBeenCalled();
    expect(created).toEqual(['清河县统计_2026-01-01_2026-11-29.xlsx']);

    fetchMock.mockResolvedValueOnce(answer(404, { statusCode: 404, code: 'NOT_FOUND', message: '请求的内容不存在' }));
    const failure = downloadStatsExport(8, '2026-01-01', '2026-11-29', '西山乡');
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ message: '请求的内容不存在' });
  });
});
