import { View } from '@tarojs/components';
import { channelSplitLines, internalFiguresText, type Metrics } from '@wuye/contracts';
import { percent } from '../lib/format';

/** The headline figures of an area or estate: a wrapping grid of tiles (two or three a row, more on a desktop). */
export default function MetricTiles({ metrics, extra = [] }: { metrics: Metrics; extra?: { key: string; label: string; value: string }[] }) {
  const tiles = [
    { key: 'total', label: '工单总数', value: String(metrics.total) },
    { key: 'overdue', label: '逾期未办', value: String(metrics.overdueOpen), alert: metrics.overdueOpen > 0 },
    { key: 'response', label: '按时响应率', value: percent(metrics.onTimeResponseRate) },
    { key: 'resolution', label: '按时办结率', value: percent(metrics.onTimeResolutionRate) },
    { key: 'satisfaction', label: '满意率', value: percent(metrics.satisfactionRate) },
    { key: 'reopen', label: '重新办理率', value: percent(metrics.reopenRate) },
    ...extra,
  ];
  const internal = metrics.internal ? internalFiguresText(metrics.internal) : null;
  return (
    <View className="ov-tiles">
      {tiles.map((tile) => (
        <View key={tile.key} className={`ov-tile ov-tile-${tile.key}`}>
          <View className="ov-tile-box">
            <View className={`ov-tile-value${'alert' in tile && tile.alert ? ' ov-alert' : ''}`}>{tile.value}</View>
            <View className="ov-tile-label">{tile.label}</View>
          </View>
        </View>
      ))}
      {internal ? <View className="muted ov-internal">{internal}</View> : null}
      {channelSplitLines(metrics).map((line, i) => (
        <View key={line} className={`muted ov-channels ov-channels-${i}`}>
          {line}
        </View>
      ))}
    </View>
  );
}
