// Apache ECharts, on demand: the core, the bar chart, the grid it sits in and the canvas renderer — nothing else.
// Imported only by the oversight subpackage, so neither the main package nor the other subpackages carry it.
// The canvas renderer serves both platforms: a DOM element on H5, a <Canvas type="2d"> node in WeChat.
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

echarts.use([BarChart, GridComponent, CanvasRenderer]);

export type BarChartOption = ComposeOption<BarSeriesOption | GridComponentOption>;
export type ChartInstance = echarts.EChartsType;
export type ChartClick = echarts.ECElementEvent;
export { echarts };
