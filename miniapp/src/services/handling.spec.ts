import Taro from '../../test/stubs/taro';
import { getMe } from './me';
import { ApiError } from './http';
import { formatRate, statsRange, uploadHandlingPhoto } from './handling';
import { setTokens } from './session';

jest.mock('./me');
const getMeMock = jest.mocked(getMe);

describe('statistics ranges (Asia/Shanghai days)', () => {
  // 2026-11-28 17:30 UTC is already 29 November in Shanghai.
  const now = new Date('2026-11-28T17:30:00.000Z');

  it('近7天 and 近30天 end today (Shanghai) and include it; 本年 starts on 1 January', () => {
    expect(statsRange('week', now)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(statsRange('month', now)).toEqual({ from: '2026-10-31', to: '2026-11-29' });
    expect(statsRange('year', now)).toEqual({ from: '2026-01-01', to: '2026-11-29' });
  });

  it('rates are whole percentages, “—” when nothing was measured', () => {
    expect(formatRate(0.8749)).toBe('87%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
  });
});

describe('uploadHandlingPhoto', () => {
  it('sends the photo as multipart `file` with the bearer token and answers the upload', async () => {
    setTokens({ accessToken: 'a1', refreshToken: 'r1' });
    const upload = jest.spyOn(Taro, 'uploadFile').mockResolvedValue({ statusCode: 201, data: '{"id":5,"url":"/u","thumbnailUrl":"/t","width":1,"height":1,"bytes":1}' });

    await expect(uploadHandlingPhoto('blob:x')).resolves.toMatchObject({ id: 5 });
    expect(upload).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'blob:x', name: 'file', header: { Authorization: 'Bearer a1' } }));
  });

  it('an expired token is refreshed (through an ordinary API call) and the upload tried once more', async () => {
    setTokens({ accessToken: 'old', refreshToken: 'r1' });
    getMeMock.mockImplementation(async () => {
      setTokens({ accessToken: 'new', refreshToken: 'r2' });
      return { id: 1, displayName: '刘师傅', phone: null, roles: [], houses: [], wechat: false };
    });
    const upload = jest
      .spyOn(Taro, 'uploadFile')
      .mockResolvedValueOnce({ statusCode: 401, data: '{"statusCode":401,"code":"TOKEN_EXPIRED","message":"登录已过期"}' })
      .mockResolvedValueOnce({ statusCode: 201, data: '{"id":6,"url":"/u","thumbnailUrl":"/t","width":1,"height":1,"bytes":1}' });

    await expect(uploadHandlingPhoto('blob:x')).resolves.toMatchObject({ id: 6 });
    expect(upload).toHaveBeenLastCalledWith(expect.objectContaining({ header: { Authorization: 'Bearer new' } }));
  });

  it('a refusal carries the API message; no answer at all is a network error', async () => {
    jest.spyOn(Taro, 'uploadFile').mockResolvedValueOnce({ statusCode: 422, data: '{"statusCode":422,"code":"UNSUPPORTED_IMAGE","message":"只能上传 JPEG、PNG、WebP 或 HEIC 照片"}' });
    await expect(uploadHandlingPhoto('blob:x')).rejects.toMatchObject({ statusCode: 422, code: 'UNSUPPORTED_IMAGE', message: '只能上传 JPEG、PNG、WebP 或 HEIC 照片' });

    jest.spyOn(Taro, 'uploadFile').mockRejectedValueOnce({ errMsg: 'uploadFile:fail' });
    const error = await uploadHandlingPhoto('blob:x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('照片上传失败，请检查网络后重试');
  });
});
