import { Text, View } from '@tarojs/components';
import { CREDIT_EVENT_LABELS, type CreditEventKind, type CreditStanding } from '@wuye/contracts';

/** A company's credit standing: grade and score (100 less the last 12 months' deductions, shown as the sum), and what was recorded. */
export default function CreditStandingCard({ credit }: { credit: CreditStanding & { name: string } }) {
  const kinds = Object.keys(CREDIT_EVENT_LABELS) as CreditEventKind[];
  const counted = kinds.filter((k) => credit.last12Months[k] > 0);
  const deductions = kinds.filter((k) => credit.deductedByKind[k] > 0);
  return (
    <View className="card ov-standing">
      <View className="card-title wrap-text ov-standing-name">{credit.name}</View>
      <View className="ov-standing-grade">
        信用等级 <Text className="ov-tile-value">{credit.grade}</Text> · <Text className="ov-standing-score">{credit.score}分</Text>
      </View>
      <View className="muted">近12个月扣 {credit.pointsDeducted} 分（满分100）</View>
      {deductions.length > 0 ? (
        <View className="muted wrap-text ov-standing-sum">
          计分：100 − {deductions.map((k) => `${credit.deductedByKind[k]}（${CREDIT_EVENT_LABELS[k]}）`).join(' − ')} = {credit.score}分
          {100 - credit.pointsDeducted < 0 ? '（最低 0 分）' : ''}
        </View>
      ) : null}
      <View className="ov-facts ov-standing-counts">
        {counted.length === 0 ? <Text className="ov-fact">近12个月没有约谈、通报批评或扣分记录</Text> : null}
        {counted.map((k) => (
          <Text key={k} className="ov-fact">
            {CREDIT_EVENT_LABELS[k]} {credit.last12Months[k]} 次
          </Text>
        ))}
      </View>
    </View>
  );
}
