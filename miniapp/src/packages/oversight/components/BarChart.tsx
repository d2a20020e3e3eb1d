import { Text, View } from '@tarojs/components';

export interface Bar {
  key: string | number;
  label: string;
  value: number;
  /** What is written after the bar; the value itself by default. */
  display?: string;
  /** Drawn in the warning colour (e.g. overdue tickets). */
  alert?: boolean;
}

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
 * A horizontal bar chart drawn with views: labels stay real text (read by screen readers, enlarged with the
 * font setting), works the same in WeChat and the browser, and costs no charting library in the package.
 */
export default function BarChart({ className, title, bars, max, emptyText, onSelect }: BarChartProps) {
  const top = max ?? Math.max(0, ...bars.map((b) => b.value));
  return (
    <View className={`card ov-chart ${className}`}>
      <View className="card-title">{title}</View>
      {top <= 0 ? (
        <View className="muted ov-chart-empty">{emptyText}</View>
      ) : (
        bars.map((bar) => (
          <View key={bar.key} className={`ov-bar${onSelect ? ' ov-bar-link' : ''}`} onClick={onSelect ? () => onSelect(bar) : undefined}>
            <View className="ov-bar-label wrap-text">{bar.label}</View>
            <View className="ov-bar-track">
              <View className={`ov-bar-fill${bar.alert ? ' ov-bar-alert' : ''}`} style={{ width: `${Math.max(bar.value > 0 ? 2 : 0, Math.round((bar.value / top) * 100))}%` }} />
              <Text className="ov-bar-value">{bar.display ?? bar.value}</Text>
            </View>
          </View>
        ))
      )}
    </View>
  );
}
