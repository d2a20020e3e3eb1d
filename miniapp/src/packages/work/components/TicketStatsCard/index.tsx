import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { TICKET_STATES, TICKET_STATE_LABELS, channelSplitLines, internalFiguresText } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import StatusNotice from '../../../../components/StatusNotice';
import { useRemote } from '../../../../hooks/useRemote';
import { STATS_RANGES, formatRate, statsRange, type StatsRangeKey } from '../../../../services/handling';
import { getTicketStats } from '../../../../services/tickets';
import './index.scss';

function Figure({ label, value, className }: { label: string; value: string; className: string }) {
  return (
    <View className={`stats-figure ${className}`}>
      <View className="stats-value">{value}</View>
      <View className="stats-label">{label}</View>
    </View>
  );
}

/**
 * 工单统计 of one estate for tickets filed in 近7天 / 近30天 / 本年: counts by state, on-time response and resolution,
 * satisfaction and reopen rates, and what is overdue right now. `refreshKey` reloads it (e.g. when shown again).
 */
export default function TicketStatsCard({ communityId, refreshKey = 0 }: { communityId: number; refreshKey?: number }) {
  const [range, setRange] = useState<StatsRangeKey>('month');
  const remote = useRemote(useCallback(() => getTicketStats(communityId, statsRange(range)), [communityId, range]));
  const { phase, errorMessage, reload } = remote;
  const stats = remote.data;

  // Only a new key reloads here (quietly, keeping the figures); a new range loads through useRemote.
  const latestReload = useRef(reload);
  latestReload.current = reload;
  useEffect(() => {
    if (refreshKey > 0) void latestReload.current(true);
  }, [refreshKey]);

  return (
    <View className="card stats-card">
      <View className="card-title">工单统计</View>
      <ChoiceChips
        className="stats-ranges"
        itemClassName="stats-range"
        items={STATS_RANGES}
        keyOf={(item) => item.key}
        labelOf={(item) => item.label}
        isSelected={(item) => item.key === range}
        onChoose={(item) => setRange(item.key)}
      />
      {phase === 'loading' ? <StatusNotice className="stats-loading" title="正在统计…" /> : null}
      {phase === 'error' ? <StatusNotice className="stats-error" title="统计没能加载" text={errorMessage} actionText="重试" onAction={() => void reload()} /> : null}
      {phase === 'ready' && stats ? (
        <View className="stats-body">
          <View className="muted stats-period">
            {stats.from} 至 {stats.to} 提交的工单
          </View>
          <View className="stats-grid stats-totals">
            <Figure className="stats-total" label="工单总数" value={String(stats.total)} />
            <Figure className="stats-overdue-open" label="当前超时未办" value={String(stats.overdueOpen)} />
          </View>
          <View className="field-label">各状态数量</View>
          <View className="stats-grid stats-states">
            {TICKET_STATES.map((state) => (
              <Figure key={state} className={`stats-state stats-state-${state}`} label={TICKET_STATE_LABELS[state]} value={String(stats.byState[state] ?? 0)} />
            ))}
          </View>
          <View className="field-label">服务质量</View>
          <View className="stats-grid stats-rates">
            <Figure className="stats-response-rate" label="按时受理率" value={formatRate(stats.onTimeResponseRate)} />
            <Figure className="stats-resolution-rate" label="按时办结率" value={formatRate(stats.onTimeResolutionRate)} />
            <Figure className="stats-satisfaction-rate" label="满意率" value={formatRate(stats.satisfactionRate)} />
            <Figure className="stats-reopen-rate" label="重新办理率" value={formatRate(stats.reopenRate)} />
          </View>
          {stats.averageStars !== null ? <View className="muted stats-stars">平均评分 {stats.averageStars} 星</View> : null}
          {stats.internal && internalFiguresText(stats.internal) ? <View className="muted stats-internal">{internalFiguresText(stats.internal)}</View> : null}
          {stats.byChannel
            ? channelSplitLines(stats).map((line, i) => (
                <View key={line} className={`muted stats-channels stats-channels-${i}`}>
                  {line}
                </View>
              ))
            : null}
          {stats.byCategory.length > 0 ? (
            <View className="stats-categories">
              <View className="field-label">按类别</View>
              {stats.byCategory.map((category) => (
                <View key={category.code} className="stats-category">
                  <Text className="wrap-text">{category.name}</Text>
                  <Text className="stats-category-count">{category.count}</Text>
                </View>
              ))}
            </View>
          ) : null}
          <View className="muted stats-note">“—”表示这段时间还没有可统计的工单。</View>
        </View>
      ) : null}
    </View>
  );
}
