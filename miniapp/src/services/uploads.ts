import Taro from '@tarojs/taro';
import type { UploadView } from '@wuye/contracts';
import { photoStillThere } from './h5-photos';
import { ApiError, NETWORK_ERROR_MESSAGE, buildUrl, requestWithSession, type RawResponse } from './http';

const UPLOAD_TIMEOUT_MS = 60_000;

/** WeChat runs at most 10 uploadFile calls at once (wx.uploadFile); more wait here for a turn, in order. */
export const MAX_UPLOADS_IN_FLIGHT = 10;
let uploadsInFlight = 0;
const waitingForTurn: (() => void)[] = [];

function takeTurn(): Promise<void> {
  if (uploadsInFlight < MAX_UPLOADS_IN_FLIGHT) {
    uploadsInFlight++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waitingForTurn.push(resolve));
}

/** The turn passes straight to the next upload waiting, so none can slip in between and make eleven. */
function endTurn(): void {
  const next = waitingForTurn.shift();
  if (next) next();
  else uploadsInFlight--;
}

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
 * One file (a local path from chooseMedia/chooseMessageFile, or a blob: URL on H5) to POST /api/v1/uploads, field
 * `file`, with the session's token (refreshed and retried once when expired, as request() does). Photos come back
 * re-encoded without EXIF/GPS; a PDF voucher as sent, without a thumbnail.
 */
export function uploadFile(filePath: string, fileName?: string): Promise<UploadView> {
  return requestWithSession<UploadView>(async (accessToken): Promise<RawResponse> => {
    await takeTurn();
    try {
      const response = await Taro.uploadFile({
        url: buildUrl('/api/v1/uploads'),
        filePath,
        name: 'file',
        ...(fileName ? { fileName } : {}),
        header: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
        timeout: UPLOAD_TIMEOUT_MS,
      });
      return { statusCode: response.statusCode, data: parseBody(response.data) };
    } catch {
      throw new ApiError({ statusCode: 0, code: 'NETWORK', message: NETWORK_ERROR_MESSAGE });
    } finally {
      endTurn();
    }
  });
}

/** 上传照片 for a report: the answer's id goes into the ticket's photoIds. */
export async function uploadPhoto(filePath: string): Promise<UploadView> {
  // A browser tab closed since the photo was chosen took the photo with it: say so instead of waiting forever.
  if (!(await photoStillThere(filePath))) {
    throw new ApiError({ statusCode: 410, code: 'PHOTO_GONE', message: '照片已不在手机上，请删除这条报事后重新拍照上报' });
  }
  return uploadFile(filePath);
}
