// Stand-in for Apache ECharts (echarts/core, /charts, /components, /renderers) under jest: jsdom cannot draw on a
// canvas. init() hands back a recording chart: a test reads the option it was given and fires its click handlers
// as ECharts would for a click on a bar (see clickChart). What the real charts draw is checked in the browser
// journeys (e2e/journeys/oversight.e2e.ts).

type Handler = (event: Record<string, unknown>) => void;

export interface StubChart {
  /** A DOM element on H5; the canvas adapter (lib/wxCanvas.ts) in WeChat. */
  element: HTMLElement;
  initOptions: Record<string, unknown> | undefined;
  /** The last option set, as the app built it. */
  option: Record<string, unknown> | null;
  disposed: boolean;
  setOption(option: Record<string, unknown>, notMerge?: boolean): void;
  on(event: string, handler: Handler): void;
  off(event: string): void;
  resize(): void;
  dispose(): void;
  getZr(): { handler: { dispatch(name: string, event: { zrX: number; zrY: number }): void } };
  handlers: Map<string, Handler[]>;
  /** What was passed on to zrender as mouse events (WeChat taps), in order. */
  dispatched: Array<[string, { zrX: number; zrY: number }]>;
}

const charts: StubChart[] = [];

export function init(element: HTMLElement, _theme?: unknown, initOptions?: Record<string, unknown>): StubChart {
  const chart: StubChart = {
    element,
    initOptions,
    option: null,
    disposed: false,
    handlers: new Map(),
    dispatched: [],
    setOption(option) {
      this.option = option;
    },
    on(event, handler) {
      this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    },
    off(event) {
      this.handlers.delete(event);
    },
    resize() {},
    dispose() {
      this.disposed = true;
    },
    getZr() {
      return { handler: { dispatch: (name, event) => chart.dispatched.push([name, event]) } };
    },
  };
  // Like ECharts: an attribute on an element, a property on anything else.
  if (typeof element.setAttribute === 'function') element.setAttribute('_echarts_instance_', `stub_${charts.length}`);
  else Object.assign(element, { _echarts_instance_: `stub_${charts.length}` });
  charts.push(chart);
  return chart;
}

/** The charts alive now (not disposed), in the order they were started. */
export function liveCharts(): StubChart[] {
  return charts.filter((c) => !c.disposed);
}

/** The live chart drawn inside `container` (an element holding it, e.g. the card). */
export function chartIn(container: Element): StubChart {
  const chart = liveCharts().find((c) => container.contains(c.element));
  if (!chart) throw new Error('no chart was started inside this element');
  return chart;
}

/** What ECharts emits for a click: e.g. { componentType: 'series', dataIndex: 1 } for the second bar. */
export function clickChart(chart: StubChart, event: Record<string, unknown>): void {
  for (const handler of chart.handlers.get('click') ?? []) handler(event);
}

export function resetEchartsStub(): void {
  charts.length = 0;
}

export function use(): void {}
export const platformApi: Record<string, unknown> = {};
export function setPlatformAPI(api: Record<string, unknown>): void {
  Object.assign(platformApi, api);
}

// Extensions registered with use(): only their presence matters here.
export const BarChart = { name: 'BarChart' };
export const LineChart = { name: 'LineChart' };
export const GridComponent = { name: 'GridComponent' };
export const TooltipComponent = { name: 'TooltipComponent' };
export const CanvasRenderer = { name: 'CanvasRenderer' };
