import { View } from '@tarojs/components';
import { totalRows, type DisclosureTotals, type DisclosureType } from '@wuye/contracts';
import KvRows from './KvRows';

/** The totals of a disclosure (computed from its lines, never typed in). */
export default function TotalsCard({ type, totals, title = '合计', className = '' }: { type: DisclosureType; totals: DisclosureTotals; title?: string; className?: string }) {
  return (
    <View className={`card totals ${className}`}>
      <View className="card-title">{title}</View>
      <KvRows rows={totalRows(type, totals)} hook="total" />
    </View>
  );
}
