import type { BarChartOption } from './echarts';

/** One bar: what the overview passes to BarChart. */
export interface Bar {
  key: string | number;
  label: string;
  value: number;
  /** What is written after the bar; the value itself by default. */
  display?: string;
  /** Drawn in the warning colour (e.g. overdue tickets). */
  alert?: boolean;
}

export const BAR_COLOUR = '#0b6bcb';
export const ALERT_COLOUR = '#c0392b';
/** Height of one bar's row in CSS px; the chart is as tall as its rows (no scrolling inside a chart). */
export const ROW_HEIGHT = 34;
export const CHART_PADDING = 8;

export const chartHeight = (bars: number) => bars * ROW_HEIGHT + 2 * CHART_PADDING;

/**
 * Horizontal bars, first bar on top: the names on the left (clickable too), the figure written after each bar.
 * The value axis runs to `max` when given (satisfaction runs to 100%), else to the largest value.
 */
export function barChartOption(bars: Bar[], max?: number, clickable = false): BarChartOption {
  return {
    animationDuration: 300,
    textStyle: { fontSize: 14, color: '#1f1f1f' },
    grid: { left: CHART_PADDING, right: 84, top: CHART_PADDING, bottom: CHART_PADDING, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: max ?? Math.max(0, ...bars.map((b) => b.value)),
      axisLabel: { show: false },
      splitLine: { lineStyle: { color: '#e5e5e5' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => b.label),
      triggerEvent: clickable,
      axisTick: { show: false },
      axisLabel: { interval: 0, fontSize: 14, color: clickable ? BAR_COLOUR : '#1f1f1f', width: 104, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 20,
        cursor: clickable ? 'pointer' : 'default',
        data: bars.map((b) => ({ value: b.value, name: b.label, itemStyle: { color: b.alert ? ALERT_COLOUR : BAR_COLOUR, borderRadius: 4 } })),
        label: {
          show: true,
          position: 'right',
          fontSize: 14,
          color: '#1f1f1f',
          formatter: (params) => {
            const bar = bars[params.dataIndex];
            return bar ? (bar.display ?? String(bar.value)) : '';
          },
        },
      },
    ],
  };
}

/** The bar a click on the chart means: a bar, or a name on the category axis; null for anything else. */
export function clickedBar<B>(bars: B[], event: { componentType?: string; dataIndex?: number; targetType?: string }): B | null {
  const onBar = event.componentType === 'series';
  const onName = event.componentType === 'yAxis' && event.targetType === 'axisLabel';
  if (!onBar && !onName) return null;
  return typeof event.dataIndex === 'number' ? (bars[event.dataIndex] ?? null) : null;
}
