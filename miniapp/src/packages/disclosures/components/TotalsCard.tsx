import { Text, View } from '@tarojs/components';
import type { DisclosureTotals, DisclosureType } from '@wuye/contracts';
import { totalRows } from '../lib/lines';

/** The totals of a disclosure (computed from its lines, never typed in). */
export default function TotalsCard({ type, totals, title = '合计', className = '' }: { type: DisclosureType; totals: DisclosureTotals; title?: string; className?: string }) {
  return (
    <View className={`card totals ${className}`}>
      <View className="card-title">{title}</View>
      {totalRows(type, totals).map((row) => (
        <View key={row.key} className={`kv-row total-${row.key}`}>
          <Text className="kv-label">{row.label}</Text>
          <Text className="kv-value total-value">{row.text}</Text>
        </View>
      ))}
    </View>
  );
}
