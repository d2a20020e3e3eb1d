import { useEffect, useMemo, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, View } from '@tarojs/components';
import type { CanvasTouchEvent } from '@tarojs/components/types/common';
import { echarts, type BarChartOption, type ChartClick, type ChartInstance } from '../lib/echarts';
import { initOnCanvas, tapChart, type CanvasNode } from '../lib/wxCanvas';

interface EChartProps {
  /** Hook for tests and journeys. */
  className: string;
  option: BarChartOption;
  /** CSS px; the width is the container's. */
  height: number;
  /** What the chart shows, for screen readers (the figures themselves are in the text list beside it). */
  label: string;
  onClick?: (event: ChartClick) => void;
}

/** Keeps the latest option and click handler for a chart that lives longer than one render. */
function useLatest<T>(value: T) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

/** H5: ECharts renders into the element of a Taro View and follows its size (ResizeObserver). */
function WebEChart({ className, option, height, label, onClick }: EChartProps) {
  const host = useRef<HTMLElement | null>(null);
  const chart = useRef<ChartInstance | null>(null);
  const latestOption = useLatest(option);
  const latestClick = useLatest(onClick);

  useEffect(() => {
    const element = host.current;
    if (!element) return undefined;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.setOption(latestOption.current, true);
    instance.on('click', (event) => latestClick.current?.(event));
    let frame = 0;
    const resize = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => instance.resize());
    };
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
    if (observer) observer.observe(element);
    else window.addEventListener('resize', resize);
    return () => {
      cancelAnimationFrame(frame);
      if (observer) observer.disconnect();
      else window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, [latestClick, latestOption]);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <View ref={host} className={`ov-echart ${className}`} style={{ height: `${height}px` }} role="img" ariaLabel={label} />;
}

let canvasCounter = 0;
/** A tap that moved less than this (CSS px) is a tap, not the start of a scroll. */
const TAP_SLOP = 10;

/** WeChat: ECharts on a <Canvas type="2d"> node, found once the page has rendered it; taps are passed on. */
function WeappEChart({ className, option, height, label, onClick }: EChartProps) {
  const id = useMemo(() => `ov-echart-${++canvasCounter}`, []);
  const chart = useRef<ChartInstance | null>(null);
  const touch = useRef<{ x: number; y: number } | null>(null);
  const latestOption = useLatest(option);
  const latestClick = useLatest(onClick);

  useEffect(() => {
    let gone = false;
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((found: Array<{ node?: CanvasNode; width?: number; height?: number } | null>) => {
        const canvas = found?.[0];
        if (gone || !canvas?.node || !canvas.width || !canvas.height) return;
        const info = typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync();
        const instance = initOnCanvas(canvas.node, canvas.width, canvas.height, info.pixelRatio || 2);
        chart.current = instance;
        instance.setOption(latestOption.current, true);
        instance.on('click', (event) => latestClick.current?.(event));
      });
    return () => {
      gone = true;
      chart.current?.dispose();
      chart.current = null;
    };
  }, [id, latestClick, latestOption]);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  const onTouchStart = (event: CanvasTouchEvent) => {
    const point = event.touches[0];
    touch.current = point ? { x: point.x, y: point.y } : null;
  };
  const onTouchEnd = (event: CanvasTouchEvent) => {
    const start = touch.current;
    const point = event.changedTouches[0];
    touch.current = null;
    if (!chart.current || !start || !point) return;
    if (Math.abs(point.x - start.x) > TAP_SLOP || Math.abs(point.y - start.y) > TAP_SLOP) return;
    tapChart(chart.current, point.x, point.y);
  };

  return (
    <View className={`ov-echart ${className}`} role="img" ariaLabel={label}>
      <Canvas type="2d" id={id} className="ov-echart-canvas" style={{ width: '100%', height: `${height}px` }} onTouchStart={onTouchStart} onTouchEnd={onTouchEnd} />
    </View>
  );
}

/**
 * A chart of the oversight pages: the same props on both platforms. TARO_ENV is a build-time constant, so each
 * build keeps one of the two (read at render time so that tests can try both).
 */
export default function EChart(props: EChartProps) {
  return process.env.TARO_ENV === 'weapp' ? <WeappEChart {...props} /> : <WebEChart {...props} />;
}
