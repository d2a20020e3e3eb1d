import { View } from '@tarojs/components';

/** 我的: sign-in and house binding come next; until then this page only says so. */
export default function Me() {
  return (
    <View className="page">
      <View className="notice me-signed-out">
        <View className="notice-title">我的</View>
        <View className="notice-text">登录功能即将上线。登录并绑定房屋后，可以在这里查看您的报修、投诉和小区公示。</View>
      </View>
    </View>
  );
}
