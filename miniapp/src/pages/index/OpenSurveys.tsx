import { useCallback } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRemote } from '../../hooks/useRemote';
import { surveyAnswerPage } from '../../routes';
import { listSurveys } from '../../services/surveys';

/**
 * 满意度测评 on a resident's home page while a campaign covering their estate is open and one of their houses has
 * not answered; nothing otherwise.
 */
export default function OpenSurveys({ communityId }: { communityId: number }) {
  const { data } = useRemote(useCallback(() => listSurveys({ communityId, open: true }), [communityId]));
  const waiting = data?.items.filter((s) => s.toAnswer > 0) ?? [];
  if (waiting.length === 0) return null;
  return (
    <View className="card home-surveys">
      <View className="card-title">满意度测评进行中</View>
      {waiting.map((s) => (
        <View key={s.id} className="link-row home-survey" onClick={() => void Taro.navigateTo({ url: surveyAnswerPage(s.id) })}>
          <View className="link-main">
            {s.title}
            <View className="muted">{s.closesOn} 截止 · 每户一份，物业看不到个人答卷</View>
          </View>
          <Text className="link-arrow">去评价 ›</Text>
        </View>
      ))}
    </View>
  );
}
