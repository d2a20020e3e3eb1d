import { View } from '@tarojs/components';

/** 消息: ticket updates and notices will be listed here once sign-in exists. */
export default function Messages() {
  return (
    <View className="page">
      <View className="notice messages-empty">
        <View className="notice-title">暂无消息</View>
        <View className="notice-text">工单受理、办结等提醒会显示在这里。</View>
      </View>
    </View>
  );
}
