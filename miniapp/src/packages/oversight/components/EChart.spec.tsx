import { render } from '@testing-library/react';
import { touchCanvas } from '../../../../test/stubs/components';
import { clickChart, liveCharts, platformApi } from '../../../../test/stubs/echarts';
import { setSelectorQueryAnswer } from '../../../../test/stubs/taro';
import { barChartOption } from '../lib/chartOption';
import EChart from './EChart';
import { settle } from '../../../../test/support/render';

const option = barChartOption([{ key: 1, label: '锦绣花园', value: 3 }], undefined, true);

/** A WeChat canvas 2d node, as SelectorQuery's fields({ node: true }) gives it. */
function canvasNode() {
  const ctx = { font: '', measureText: jest.fn((text: string) => ({ width: text.length * 7 })) };
  return { width: 300, height: 150, ctx, getContext: jest.fn(() => ctx) };
}

describe('EChart in WeChat (TARO_ENV=weapp)', () => {
  const before = process.env.TARO_ENV;
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
  });
  afterEach(() => {
    process.env.TARO_ENV = before;
  });

  it('finds its <Canvas type="2d"> node and starts ECharts on it at its size and the screen’s pixel ratio', async () => {
    const node = canvasNode();
    const asked: string[] = [];
    setSelectorQueryAnswer((selector) => {
      asked.push(selector);
      return { node, width: 343, height: 84 };
    });
    render(<EChart className="ov-chart-plot" option={option} height={84} label="满意率" />);
    const canvas = document.querySelector('canvas.ov-echart-canvas') as HTMLCanvasElement;
    expect(canvas).toHaveAttribute('data-type', '2d');
    expect(canvas.style.height).toBe('84px');
    await settle();

    expect(asked).toEqual([`#${canvas.id}`]);
    const [chart] = liveCharts();
    expect(chart.initOptions).toEqual({ renderer: 'canvas', width: 343, height: 84, devicePixelRatio: 2 });
    expect(chart.option).toBe(option);
    // zrender sizes the node through the adapter and draws with the node's own 2d context.
    const adapter = chart.element as unknown as { width: number; getContext(type: string): unknown };
    adapter.width = 686;
    expect(node.width).toBe(686);
    expect(adapter.getContext('2d')).toBe(node.ctx);
    // Text is measured on a real canvas context, not on Taro's document (which cannot draw).
    expect((platformApi.measureText as (text: string, font: string) => { width: number })('锦绣花园', '14px sans-serif')).toEqual({ width: 28 });
    expect(node.ctx.font).toBe('14px sans-serif');
  });

  it('a tap is passed on to the chart as a click at the same point; a swipe (scrolling the page) is not', async () => {
    setSelectorQueryAnswer(() => ({ node: canvasNode(), width: 343, height: 84 }));
    const onClick = jest.fn();
    render(<EChart className="ov-chart-plot" option={option} height={84} label="满意率" onClick={onClick} />);
    await settle();
    const canvas = document.querySelector('canvas.ov-echart-canvas') as HTMLCanvasElement;
    const [chart] = liveCharts();

    touchCanvas(canvas, 'start', { x: 120, y: 40 });
    touchCanvas(canvas, 'end', { x: 122, y: 41 });
    expect(chart.dispatched.map(([name]) => name)).toEqual(['mousemove', 'mousedown', 'mouseup', 'click']);
    expect(chart.dispatched[3][1]).toEqual({ zrX: 122, zrY: 41 });

    touchCanvas(canvas, 'start', { x: 120, y: 40 });
    touchCanvas(canvas, 'end', { x: 120, y: 90 });
    expect(chart.dispatched).toHaveLength(4);

    // What ECharts then reports for the bar reaches the page.
    clickChart(chart, { componentType: 'series', dataIndex: 0 });
    expect(onClick).toHaveBeenCalledWith({ componentType: 'series', dataIndex: 0 });
  });

  it('no chart when the canvas is not found (the text list under it still has the figures), none left when it goes', async () => {
    const { unmount } = render(<EChart className="ov-chart-plot" option={option} height={84} label="满意率" />);
    await settle();
    expect(liveCharts()).toHaveLength(0);
    unmount();

    setSelectorQueryAnswer(() => ({ node: canvasNode(), width: 343, height: 84 }));
    const second = render(<EChart className="ov-chart-plot" option={option} height={84} label="满意率" />);
    await settle();
    const [chart] = liveCharts();
    second.unmount();
    expect(chart.disposed).toBe(true);
  });
});
