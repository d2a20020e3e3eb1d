import { fireEvent, render, screen, within } from '@testing-library/react';
import { chartIn, clickChart, liveCharts } from '../../../../test/stubs/echarts';
import { ALERT_COLOUR, BAR_COLOUR, chartHeight, type Bar } from '../lib/chartOption';
import BarChart from './BarChart';

const BARS: Bar[] = [
  { key: 3, label: '南门社区', value: 5, display: '5 / 共 60', alert: true },
  { key: 4, label: '北关社区', value: 3, display: '3 / 共 49', alert: true },
  { key: 5, label: '东关社区', value: 0, display: '0 / 共 12', alert: true },
];

interface SeriesItem {
  value: number;
  name: string;
  itemStyle: { color: string };
}
interface DrawnOption {
  xAxis: { max: number };
  yAxis: { data: string[]; inverse: boolean; triggerEvent: boolean };
  series: Array<{ type: string; data: SeriesItem[]; label: { formatter: (p: { dataIndex: number }) => string } }>;
}

function drawn(container: Element): DrawnOption {
  return chartIn(container).option as unknown as DrawnOption;
}

describe('BarChart (ECharts)', () => {
  it('hands ECharts one bar per figure, top to bottom, scaled to the largest, each labelled with its figure', () => {
    render(<BarChart className="ov-chart-children" title="各社区（村）逾期未办工单" bars={BARS} emptyText="没有" onSelect={() => undefined} />);
    const card = document.querySelector('.ov-chart-children') as HTMLElement;
    const option = drawn(card);

    expect(option.series).toHaveLength(1);
    expect(option.series[0].type).toBe('bar');
    expect(option.series[0].data.map((d) => [d.name, d.value])).toEqual([
      ['南门社区', 5],
      ['北关社区', 3],
      ['东关社区', 0],
    ]);
    expect(option.series[0].data.map((d) => d.itemStyle.color)).toEqual([ALERT_COLOUR, ALERT_COLOUR, ALERT_COLOUR]);
    expect(option.yAxis.data).toEqual(['南门社区', '北关社区', '东关社区']);
    expect(option.yAxis.inverse).toBe(true);
    expect(option.yAxis.triggerEvent).toBe(true);
    expect(option.xAxis.max).toBe(5);
    expect(option.series[0].label.formatter({ dataIndex: 1 })).toBe('3 / 共 49');
    // The chart is as tall as its rows, inside the card, and says what it is.
    const plot = card.querySelector('.ov-chart-plot') as HTMLElement;
    expect(plot).toHaveAttribute('_echarts_instance_');
    expect(plot.style.height).toBe(`${chartHeight(3)}px`);
    expect(plot).toHaveAttribute('aria-label', '各社区（村）逾期未办工单（柱状图，数字见下方列表）');
  });

  it('a fixed full scale (satisfaction runs to 100%) and plain bars', () => {
    const rates: Bar[] = [
      { key: 1, label: '锦绣花园', value: 0.75, display: '75.0%' },
      { key: 2, label: '阳光新城', value: 0.5, display: '50.0%' },
    ];
    render(<BarChart className="ov-chart-satisfaction" title="各小区满意率" max={1} bars={rates} emptyText="没有" />);
    const option = drawn(document.querySelector('.ov-chart-satisfaction') as HTMLElement);
    expect(option.xAxis.max).toBe(1);
    expect(option.series[0].data.map((d) => d.itemStyle.color)).toEqual([BAR_COLOUR, BAR_COLOUR]);
    expect(option.series[0].label.formatter({ dataIndex: 0 })).toBe('75.0%');
    // Nothing to open: the names on the axis are not clickable either.
    expect(option.yAxis.triggerEvent).toBe(false);
  });

  it('clicking a bar, or its name on the axis, selects that bar; other parts of the chart select nothing', () => {
    const onSelect = jest.fn();
    render(<BarChart className="ov-chart-children" title="逾期" bars={BARS} emptyText="没有" onSelect={onSelect} />);
    const chart = chartIn(document.querySelector('.ov-chart-children') as HTMLElement);

    clickChart(chart, { componentType: 'series', seriesType: 'bar', dataIndex: 1, name: '北关社区', value: 3 });
    expect(onSelect).toHaveBeenLastCalledWith(BARS[1]);

    clickChart(chart, { componentType: 'yAxis', targetType: 'axisLabel', dataIndex: 0, value: '南门社区' });
    expect(onSelect).toHaveBeenLastCalledWith(BARS[0]);

    clickChart(chart, { componentType: 'xAxis', targetType: 'axisLabel', value: 2 });
    expect(onSelect).toHaveBeenCalledTimes(2);
  });

  it('writes every figure as text under the chart; a row selects its bar like the chart does', () => {
    const onSelect = jest.fn();
    render(<BarChart className="ov-chart-children" title="逾期" bars={BARS} emptyText="没有" onSelect={onSelect} />);
    const list = document.querySelector('.ov-chart-list') as HTMLElement;
    const rows = Array.from(list.querySelectorAll('.ov-bar')).map((row) => row.textContent);
    expect(rows).toEqual(['南门社区5 / 共 60', '北关社区3 / 共 49', '东关社区0 / 共 12']);
    // Overdue figures above zero are written in the warning colour.
    expect(within(list).getByText('5 / 共 60')).toHaveClass('ov-alert');
    expect(within(list).getByText('0 / 共 12')).not.toHaveClass('ov-alert');

    fireEvent.click(within(list).getByText('东关社区'));
    expect(onSelect).toHaveBeenLastCalledWith(BARS[2]);
  });

  it('with nothing to draw it says so and starts no chart', () => {
    render(<BarChart className="ov-chart-children" title="逾期" bars={BARS.map((b) => ({ ...b, value: 0 }))} emptyText="本辖区没有逾期未办的工单。" />);
    expect(screen.getByText('本辖区没有逾期未办的工单。')).toBeInTheDocument();
    expect(liveCharts()).toHaveLength(0);
  });

  it('redraws when the figures change, not when the same figures are passed again, and lets go of the chart when it goes', () => {
    const { rerender, unmount } = render(<BarChart className="ov-chart-children" title="逾期" bars={BARS} emptyText="没有" />);
    const chart = chartIn(document.querySelector('.ov-chart-children') as HTMLElement);
    const first = chart.option;

    rerender(<BarChart className="ov-chart-children" title="逾期" bars={BARS.map((b) => ({ ...b }))} emptyText="没有" />);
    expect(chart.option).toBe(first);

    rerender(<BarChart className="ov-chart-children" title="逾期" bars={[{ ...BARS[0], value: 9, display: '9 / 共 60' }]} emptyText="没有" />);
    expect((chart.option as unknown as DrawnOption).series[0].data.map((d) => d.value)).toEqual([9]);
    expect(liveCharts()).toEqual([chart]);

    unmount();
    expect(chart.disposed).toBe(true);
    expect(liveCharts()).toHaveLength(0);
  });
});
