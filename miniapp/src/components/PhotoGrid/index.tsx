import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import type { PhotoView } from '@wuye/contracts';
import { fileUrl } from '../../services/http';
import './index.scss';

/** Thumbnails in a wrapping grid; a tap opens the full photos (WeChat's viewer can zoom). */
export default function PhotoGrid({ photos, className }: { photos: PhotoView[]; className: string }) {
  if (photos.length === 0) return null;
  const urls = photos.map((photo) => fileUrl(photo.url));
  return (
    <View className={`photo-grid ${className}`}>
      {photos.map((photo, index) => (
        <Image
          key={photo.id}
          className="photo-grid-item"
          src={fileUrl(photo.thumbnailUrl || photo.url)}
          mode="aspectFill"
          onClick={() => void Taro.previewImage({ current: urls[index], urls }).catch(() => undefined)}
        />
      ))}
    </View>
  );
}
