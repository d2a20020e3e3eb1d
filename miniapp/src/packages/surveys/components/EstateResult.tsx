import { Text, View } from '@tarojs/components';
import { SURVEY_TOO_FEW, type SurveyEstateResult } from '@wuye/contracts';

const score = (n: number | null) => (n === null ? '—' : n.toFixed(2));

/** One estate's result: averages per section once it has the minimum of answers; below it only the count and 样本不足. */
export default function EstateResult({ result, minAnswers }: { result: SurveyEstateResult; minAnswers: number }) {
  return (
    <View className={`card sv-result sv-result-${result.communityId}`}>
      <View className="card-title">{result.communityName}</View>
      <View className="sv-facts">
        <Text className="sv-answers">{result.answers} 户作答</Text>
        {result.enough ? <Text className="sv-average">{score(result.average)} 分</Text> : <Text className="sv-too-few">{SURVEY_TOO_FEW}</Text>}
      </View>
      {result.enough ? (
        result.sections.map((s) => (
          <View key={s.section} className={`sv-row sv-result-section sv-result-${s.section}`}>
            <View className="sv-row-main">{s.label}</View>
            <Text>{score(s.average)}</Text>
          </View>
        ))
      ) : (
        <View className="muted sv-too-few-text">满 {minAnswers} 户作答后显示平均分，以免个人意见被推测出来。</View>
      )}
    </View>
  );
}

