import { useMemo } from 'react';
import { Text, View } from '@tarojs/components';
import { barChartOption, chartHeight, clickedBar, type Bar } from '../lib/chartOption';
import EChart from './EChart';

export type { Bar } from '../lib/chartOption';

interface BarChartProps {
  /** Hook for tests and journeys, e.g. 'ov-chart-children'. */
  className: string;
  title: string;
  bars: Bar[];
  /** Full width; the largest value by default. */
  max?: number;
  /** Shown when every value is zero or there are no bars. */
  emptyText: string;
  onSelect?: (bar: Bar) => void;
}

/**
 * A horizontal bar chart drawn by ECharts (canvas), with the same figures as a text list below it: the list is
 * what screen readers read and what stays legible at WeChat's largest font, since text inside a canvas does not
 * grow with the font setting. A bar, its name on the axis or its row in the list drills down alike.
 */
export default function BarChart({ className, title, bars, max, emptyText, onSelect }: BarChartProps) {
  const top = max ?? Math.max(0, ...bars.map((b) => b.value));
  const clickable = Boolean(onSelect);
  // The overview builds its bars afresh on every render: redraw only when what they say changes.
  const signature = JSON.stringify([bars, max, clickable]);
  const option = useMemo(() => barChartOption(bars, max, clickable), [signature]);
  return (
    <View className={`card ov-chart ${className}`}>
      <View className="card-title">{title}</View>
      {top <= 0 ? (
        <View className="muted ov-chart-empty">{emptyText}</View>
      ) : (
        <View>
          <EChart
            className="ov-chart-plot"
            option={option}
            height={chartHeight(bars.length)}
            label={`${title}（柱状图，数字见下方列表）`}
            onClick={
              onSelect
                ? (event) => {
                    const bar = clickedBar(bars, event);
                    if (bar) onSelect(bar);
                  }
                : undefined
            }
          />
          <View className="ov-chart-list">
            {bars.map((bar) => (
              <View key={bar.key} className={`ov-bar${onSelect ? ' ov-bar-link' : ''}`} onClick={onSelect ? () => onSelect(bar) : undefined}>
                <View className="ov-bar-label wrap-text">{bar.label}</View>
                <Text className={`ov-bar-value${bar.alert && bar.value > 0 ? ' ov-alert' : ''}`}>{bar.display ?? bar.value}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
    </View>
  );
}
