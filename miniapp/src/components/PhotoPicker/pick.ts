import Taro from '@tarojs/taro';

/** Where photos come from: 拍照, 从相册选, or either (the system asks); PDFs come from a chat (weapp). */
export type PhotoSource = 'camera' | 'album' | 'either';

export interface PickedFile {
  path: string;
  size: number;
  /** Kept for a PDF, which the server stores under its own name. */
  name?: string;
}

/** Neither chooseImage nor chooseMedia asks for more than this at once. */
const PICK_AT_MOST = 9;

const isCancel = (error: unknown) => /cancel/i.test(String((error as { errMsg?: string } | null)?.errMsg ?? error));

/**
 * Up to `room` photos, compressed by WeChat. Cancelling answers none; a refused permission throws. weapp uses
 * chooseMedia (chooseImage is deprecated there), H5 chooseImage (a file input, the camera on phones).
 */
export async function pickPhotos(source: PhotoSource, room: number): Promise<PickedFile[]> {
  const count = Math.min(room, PICK_AT_MOST);
  const sourceType: ('album' | 'camera')[] = source === 'either' ? ['album', 'camera'] : [source];
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const result = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType, sizeType: ['compressed'] });
      return result.tempFiles.map((file) => ({ path: file.tempFilePath, size: file.size }));
    }
    const result = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType });
    return result.tempFiles.map((file) => ({ path: file.path, size: file.size }));
  } catch (error) {
    if (isCancel(error)) return [];
    throw error;
  }
}

/** PDFs sent in a WeChat chat (vouchers: invoices arrive that way). Cancelling answers none. */
export async function pickPdfs(room: number): Promise<PickedFile[]> {
  try {
    const result = await Taro.chooseMessageFile({ count: Math.min(room, PICK_AT_MOST), type: 'file', extension: ['pdf'] });
    return result.tempFiles.map((file) => ({ path: file.path, size: file.size, name: file.name }));
  } catch (error) {
    if (isCancel(error)) return [];
    throw error;
  }
}

/** Smaller files upload faster on a weak signal; where compressImage is missing (H5) the photo goes as it is. */
export async function compressPhoto(photo: PickedFile): Promise<PickedFile> {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.compressImage !== 'function') return photo;
  try {
    const result = await Taro.compressImage({ src: photo.path, quality: 80 });
    return result.tempFilePath ? { ...photo, path: result.tempFilePath } : photo;
  } catch {
    return photo;
  }
}
