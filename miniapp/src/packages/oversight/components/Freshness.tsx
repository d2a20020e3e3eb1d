import { View } from '@tarojs/components';
import { shanghaiDateTime, type AreaOverview } from '@wuye/contracts';

/** 数据更新于: the figures come from rollups kept current with every ticket change. */
export default function Freshness({ overview }: { overview: Pick<AreaOverview, 'freshness' | 'from' | 'to'> }) {
  return (
    <View className="muted ov-freshness">
      数据更新于 {shanghaiDateTime(overview.freshness.asOf)}（随每次工单变化汇总）· 统计区间 {overview.from} 至 {overview.to}
    </View>
  );
}
