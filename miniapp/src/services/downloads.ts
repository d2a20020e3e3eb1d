import Taro from '@tarojs/taro';
import type { ErrorCode } from '@wuye/contracts';
import { ApiError, buildUrl, request, type QueryValue } from './http';
import { getAccessToken } from './session';

/** Exports of the API (.xlsx): statistics, ratings, disclosures. */
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { code?: ErrorCode; message?: string };
    if (body.code && body.message) return new ApiError({ statusCode: response.status, code: body.code, message: body.message });
  } catch {
    // not the API's JSON error
  }
  return new ApiError({ statusCode: response.status, code: `HTTP_${response.status}`, message: '下载失败，请稍后重试' });
}

/**
 * Sends `attempt` with the current access token; when that had expired (401), any API call refreshes it (the
 * shared refresh in http.ts) and the download is tried once more with the new one.
 */
async function withFreshToken<T>(attempt: (authorization: string) => Promise<T>, statusOf: (answer: T) => number): Promise<T> {
  const bearer = () => `Bearer ${getAccessToken() ?? ''}`;
  const first = await attempt(bearer());
  if (statusOf(first) !== 401) return first;
  await request({ url: '/api/v1/me' });
  return attempt(bearer());
}

/** H5: fetch with the bearer token, then hand the blob to the browser as a download. */
async function downloadInBrowser(url: string, filename: string, type = XLSX_TYPE): Promise<void> {
  const response = await withFreshToken((Authorization) => fetch(url, { headers: { Authorization } }), (r) => r.status);
  if (!response.ok) throw await errorOf(response);
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([blob], { type }));
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** WeChat: download with the token in the header, then open it (by default in WeChat's document viewer: share or save from there). */
async function downloadInWechat(url: string, open = (filePath: string) => Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })): Promise<unknown> {
  const result = await withFreshToken((Authorization) => Taro.downloadFile({ url, header: { Authorization } }), (r) => r.statusCode);
  if (result.statusCode !== 200) {
    throw new ApiError({ statusCode: result.statusCode, code: `HTTP_${result.statusCode}`, message: result.statusCode === 401 ? '登录已失效，请重新登录' : '下载失败，请稍后重试' });
  }
  return open(result.tempFilePath);
}

/** Downloads an .xlsx export of the API (e.g. /api/v1/stats/export.xlsx). */
export async function downloadXlsx(path: string, query: Record<string, QueryValue>, filename: string): Promise<void> {
  const url = buildUrl(path, query);
  if (process.env.TARO_ENV === 'h5') await downloadInBrowser(url, filename);
  else await downloadInWechat(url);
}


/** Downloads a PNG of the API (a check point's printable code): saved by the browser; on WeChat shown full screen, to save or print. */
export async function downloadPng(path: string, filename: string): Promise<void> {
  const url = buildUrl(path, {});
  if (process.env.TARO_ENV === 'h5') await downloadInBrowser(url, filename, 'image/png');
  else await downloadInWechat(url, (filePath) => Taro.previewImage({ urls: [filePath], current: filePath }));
}
