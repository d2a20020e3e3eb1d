import Taro from '../../test/stubs/taro';
import { uploadVoucher } from './disclosures';
import { ApiError } from './http';
import { getAccessToken, setTokens } from './session';

describe('uploadVoucher()', () => {
  beforeEach(() => {
    setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('sends the file as multipart `file` with the token; a photo comes back as an image voucher', async () => {
    const upload = jest.spyOn(Taro, 'uploadFile').mockResolvedValue({ statusCode: 201, data: JSON.stringify({ id: 9, url: '/f/9.jpg', thumbnailUrl: '/f/9_t.jpg', width: 800, height: 600, bytes: 1000 }) });
    await expect(uploadVoucher('wxfile://tmp/a.jpg')).resolves.toEqual({ id: 9, url: '/f/9.jpg', thumbnailUrl: '/f/9_t.jpg', kind: 'image' });
    expect(upload).toHaveBeenCalledWith(expect.objectContaining({ url: 'http://127.0.0.1:3000/api/v1/uploads', filePath: 'wxfile://tmp/a.jpg', name: 'file', header: { Authorization: 'Bearer access-1' } }));
  });

  it('a PDF (no thumbnail) comes back as a pdf voucher', async () => {
    jest.spyOn(Taro, 'uploadFile').mockResolvedValue({ statusCode: 201, data: JSON.stringify({ id: 10, url: '/f/10.pdf', thumbnailUrl: '', width: 0, height: 0, bytes: 2000 }) });
    await expect(uploadVoucher('wxfile://tmp/b.pdf', 'invoice.pdf')).resolves.toEqual({ id: 10, url: '/f/10.pdf', thumbnailUrl: null, kind: 'pdf' });
  });

  it('a refusal carries the API message (e.g. a PDF with scripts)', async () => {
    jest.spyOn(Taro, 'uploadFile').mockResolvedValue({ statusCode: 415, data: JSON.stringify({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'PDF 中含有脚本或附件，不能作为凭证上传' }) });
    const failure = uploadVoucher('wxfile://tmp/c.pdf');
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'PDF 中含有脚本或附件，不能作为凭证上传' });
  });

  it('an expired token is refreshed through an ordinary call, then the upload is sent again with the new token', async () => {
    const upload = jest
      .spyOn(Taro, 'uploadFile')
      .mockResolvedValueOnce({ statusCode: 401, data: JSON.stringify({ statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期' }) })
      .mockResolvedValueOnce({ statusCode: 201, data: JSON.stringify({ id: 11, url: '/f/11.jpg', thumbnailUrl: '/f/11_t.jpg', width: 1, height: 1, bytes: 1 }) });
    jest.spyOn(Taro, 'request').mockImplementation(async (options) => {
      if (options.url.endsWith('/api/v1/auth/refresh')) return { statusCode: 200, data: { accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 900 } };
      if (options.header?.Authorization === 'Bearer access-1') return { statusCode: 401, data: { statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期' } };
      return { statusCode: 200, data: { id: 30 } };
    });
    await expect(uploadVoucher('wxfile://tmp/d.jpg')).resolves.toMatchObject({ id: 11 });
    expect(getAccessToken()).toBe('access-2');
    expect(upload.mock.calls[1][0].header).toEqual({ Authorization: 'Bearer access-2' });
  });

  it('no answer at all is a network error', async () => {
    jest.spyOn(Taro, 'uploadFile').mockRejectedValue(new Error('uploadFile:fail timeout'));
    await expect(uploadVoucher('wxfile://tmp/e.jpg')).rejects.toMatchObject({ code: 'NETWORK', message: '网络不可用，请检查网络后重试' });
  });
});
