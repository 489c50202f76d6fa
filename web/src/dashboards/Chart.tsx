import type { EChartsCoreOption } from 'echarts/core';
import ReactEChartsCore from 'echarts-for-react/esm/core';

import { echarts } from './echarts';

/** ChartProps are the props of Chart. */
export interface ChartProps {
  option: EChartsCoreOption;
  /** onPick is called with the index of the bar, point or slice clicked. */
  onPick?: (index: number) => void;
  label: string;
}

/** Chart draws one ECharts option on a canvas (never HTML). */
export function Chart({ option, onPick, label }: ChartProps) {
  const events = onPick ? { click: (p: { dataIndex: number }) => onPick(p.dataIndex) } : undefined;
  return (
    <div role="img" aria-label={label} className="fw-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge lazyUpdate
        onEvents={events} className="fw-chart-canvas" />
    </div>
  );
}
