import { View } from '@tarojs/components';

/** The page of an area that is not built yet: says what will be here, nothing more. */
export default function AreaPlaceholder({ title, purpose }: { title: string; purpose: string }) {
  return (
    <View className="page">
      <View className="notice area-placeholder">
        <View className="notice-title">{title}</View>
        <View className="notice-text">{purpose}</View>
        <View className="notice-text">此功能正在建设中，敬请期待。</View>
      </View>
    </View>
  );
}
