import Taro from '@tarojs/taro';

export type PhotoSource = 'camera' | 'album';

export interface PickedPhoto {
  path: string;
  size: number;
}

const isCancel = (error: unknown) => /cancel/i.test(String((error as { errMsg?: string } | null)?.errMsg ?? error));

/**
 * 拍照 or 从相册选: up to `room` photos, compressed by WeChat. One source per button, so no extra menu pops up
 * (older residents tap one big button). Cancelling answers no photos.
 */
export async function pickPhotos(source: PhotoSource, room: number): Promise<PickedPhoto[]> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const result = await Taro.chooseMedia({ count: room, mediaType: ['image'], sourceType: [source], sizeType: ['compressed'] });
      return result.tempFiles.map((file) => ({ path: file.tempFilePath, size: file.size }));
    }
    const result = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: [source] });
    return result.tempFiles.map((file) => ({ path: file.path, size: file.size }));
  } catch (error) {
    if (isCancel(error)) return [];
    throw error;
  }
}

/** Smaller files upload faster on a weak signal; where compressImage is missing (H5) the photo goes as it is. */
export async function compressPhoto(photo: PickedPhoto): Promise<PickedPhoto> {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.compressImage !== 'function') return photo;
  try {
    const result = await Taro.compressImage({ src: photo.path, quality: 80 });
    return result.tempFilePath ? { path: result.tempFilePath, size: photo.size } : photo;
  } catch {
    return photo;
  }
}
