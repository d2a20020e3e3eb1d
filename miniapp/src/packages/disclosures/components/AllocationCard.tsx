import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { allocationRows, type AllocationSummary } from '@wuye/contracts';
import KvRows from './KvRows';

/** Agreed shares shown before "显示全部": enough to check at a glance, few enough to scroll past. */
const AGREED_PREVIEW = 20;

/**
 * How a shared cost is shared: method, buildings, houses and the cost of one unit. The property side and the
 * committee also get the agreed share of each house (residents only ever see their own share).
 */
export default function AllocationCard({
  allocation,
  totalFen,
  className = '',
  title = '分摊',
  forManager = false,
}: {
  allocation: AllocationSummary;
  totalFen: number;
  className?: string;
  title?: string;
  /** The manager drafting it: also what the allocation reveals once published. */
  forManager?: boolean;
}) {
  const [allShown, setAllShown] = useState(false);
  const agreed = allocation.agreed ?? [];
  const shown = allShown ? agreed : agreed.slice(0, AGREED_PREVIEW);
  return (
    <View className={`card allocation-card ${className}`}>
      <View className="card-title">{title}</View>
      <KvRows rows={allocationRows(allocation, totalFen)} hook="allocation" />
      {allocation.houses === 0 ? <View className="form-error allocation-empty">分摊范围内没有房屋，提交前请另选楼栋或先导入房屋。</View> : null}
      {forManager && allocation.houses === 1 ? <View className="form-error allocation-single">只有 1 户分摊：公示的总额就是这一户的分摊额，全小区都能看到。请确认是否应作为公摊公示。</View> : null}
      {agreed.length ? (
        <View className="allocation-agreed">
          <View className="field-label">各户约定份额（仅物业与业委会可见）</View>
          {shown.map((s) => (
            <View key={s.houseId} className="kv-row allocation-agreed-row">
              <Text className="kv-label wrap-text">{s.house}</Text>
              <Text className="kv-value">{s.weight} 份</Text>
            </View>
          ))}
          {agreed.length > shown.length ? (
            <Button className="button button-small allocation-agreed-more" onClick={() => setAllShown(true)}>
              显示全部 {agreed.length} 户
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
