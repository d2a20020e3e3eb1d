import Taro from '@tarojs/taro';
import type { UploadView } from '@wuye/contracts';
import { ApiError, NETWORK_ERROR_MESSAGE, buildUrl, requestWithSession, type RawResponse } from './http';

const UPLOAD_TIMEOUT_MS = 60_000;

function parseBody(data: unknown): unknown {
  // Taro.uploadFile hands back the body as text on both platforms.
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/**
 * 上传照片: one photo (a local file path from chooseMedia, or a blob: URL on H5) to POST /api/v1/uploads, field
 * `file`. The API re-encodes it and strips EXIF/GPS; the answer's id goes into the ticket's photoIds.
 */
export function uploadPhoto(filePath: string): Promise<UploadView> {
  return requestWithSession<UploadView>(async (accessToken): Promise<RawResponse> => {
    try {
      const response = await Taro.uploadFile({
        url: buildUrl('/api/v1/uploads'),
        filePath,
        name: 'file',
        header: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
        timeout: UPLOAD_TIMEOUT_MS,
      });
      return { statusCode: response.statusCode, data: parseBody(response.data) };
    } catch {
      throw new ApiError({ statusCode: 0, code: 'NETWORK', message: NETWORK_ERROR_MESSAGE });
    }
  });
}
