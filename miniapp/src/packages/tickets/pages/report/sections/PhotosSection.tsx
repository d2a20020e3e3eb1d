import { View } from '@tarojs/components';
import PhotoPicker, { type PhotoPickerState } from '../../../../../components/PhotoPicker';

/** 照片: 拍照 or 从相册选 (two big buttons, no menu), each photo uploaded while the resident writes. */
export default function PhotosSection({ photos }: { photos: PhotoPickerState<unknown> }) {
  return (
    <View className="card report-section">
      <View className="card-title">
        照片（选填，最多 {photos.max} 张）
      </View>
      <PhotoPicker picker={photos} className="report-photos" sources="separate" />
      <View className="field-hint">照片上传前会去掉拍摄地点等信息。</View>
    </View>
  );
}
