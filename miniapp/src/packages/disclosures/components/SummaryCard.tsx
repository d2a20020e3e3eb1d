import { Text, View } from '@tarojs/components';
import { DISCLOSURE_STATE_LABELS, DISCLOSURE_TYPE_LABELS, periodLabel, shanghaiDate, totalRows, type DisclosureSummary } from '@wuye/contracts';

/** A disclosure in a list: title, type and period, state, its headline total (a vote's result has none), when it was published. */
export default function SummaryCard({ item, onOpen }: { item: DisclosureSummary; onOpen: () => void }) {
  const headline = totalRows(item.type, item.totals)[0] as { label: string; text: string } | undefined;
  return (
    <View className="link-row summary-card" data-id={item.id} onClick={onOpen}>
      <View className="link-main">
        <View className="link-title wrap-text summary-title">{item.title}</View>
        <View className="summary-meta">
          <Text className="badge badge-kind summary-type">{DISCLOSURE_TYPE_LABELS[item.type]}</Text>
          <Text className="muted summary-period">{periodLabel(item.period)}</Text>
          <Text className={`badge badge-state-${item.state} summary-state`}>{DISCLOSURE_STATE_LABELS[item.state]}</Text>
          {item.version > 1 ? <Text className="muted">第 {item.version} 版</Text> : null}
        </View>
        <View className="muted summary-total">
          {headline ? `${headline.label} ${headline.text}` : ''}
          {item.publishedAt ? `${headline ? ' · ' : ''}公示于 ${shanghaiDate(item.publishedAt)}` : ''}
          {item.openQuestions > 0 ? ` · ${item.openQuestions} 条质询待回复` : ''}
        </View>
      </View>
      <Text className="link-arrow">›</Text>
    </View>
  );
}
