/**
 * The ECharts build the dashboards use: the core plus only the charts and
 * components they draw, so the dashboards chunk stays small.
 */
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, FunnelChart, LineChart, PieChart, GridComponent, LegendComponent,
  TooltipComponent, CanvasRenderer]);

export { echarts };
