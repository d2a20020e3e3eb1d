// WeChat only: ECharts draws on a <Canvas type="2d"> node, which is not a DOM element. This wraps the node so
// zrender can size it and get its 2d context, and tells ECharts to measure text with it (zrender would otherwise
// call document.createElement('canvas'), which Taro's mini-program document cannot draw on).
// Taps come back through zr.handler.dispatch: a mini-program canvas has no DOM events for zrender to listen to.
import { echarts, type ChartInstance } from './echarts';

/** The parts of a WeChat canvas 2d node (from SelectorQuery fields({ node: true })) that are used here. */
export interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): CanvasContext2d;
}

export interface CanvasContext2d {
  font: string;
  measureText(text: string): { width: number };
}

export class WxCanvas {
  readonly ctx: CanvasContext2d;

  constructor(private readonly node: CanvasNode) {
    this.ctx = node.getContext('2d');
  }

  getContext(type: string): CanvasContext2d | null {
    return type === '2d' ? this.ctx : null;
  }

  get width(): number {
    return this.node.width;
  }

  set width(value: number) {
    this.node.width = value;
  }

  get height(): number {
    return this.node.height;
  }

  set height(value: number) {
    this.node.height = value;
  }

  // zrender may try to listen for DOM events on its root; a mini-program canvas has none.
  addEventListener(): void {}

  removeEventListener(): void {}

  attachEvent(): void {}

  detachEvent(): void {}
}

let latest: WxCanvas | null = null;
let platformSet = false;

/** Starts ECharts on a canvas node: `width` and `height` in CSS px, drawn at the screen's pixel ratio. */
export function initOnCanvas(node: CanvasNode, width: number, height: number, devicePixelRatio: number): ChartInstance {
  const canvas = new WxCanvas(node);
  latest = canvas;
  if (!platformSet) {
    platformSet = true;
    echarts.setPlatformAPI({
      createCanvas: () => latest as unknown as HTMLCanvasElement,
      measureText: (text: string, font?: string) => {
        const ctx = latest?.ctx;
        if (!ctx) return { width: text.length * 14 };
        ctx.font = font || '14px sans-serif';
        return ctx.measureText(text);
      },
    });
  }
  return echarts.init(canvas as unknown as HTMLElement, undefined, { renderer: 'canvas', width, height, devicePixelRatio });
}

/** A tap at (x, y) on the canvas, in CSS px from its top left: what a mouse click is on H5. */
export function tapChart(chart: ChartInstance, x: number, y: number): void {
  const handler = chart.getZr().handler;
  const point = { zrX: x, zrY: y };
  handler.dispatch('mousemove', point);
  handler.dispatch('mousedown', point);
  handler.dispatch('mouseup', point);
  handler.dispatch('click', point);
}
