// Loaded only by the result page (React.lazy): ECharts stays out of every other page's download.
import { BarChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export interface ChartRow {
  label: string;
  /** Selected (or, in an evaluation, flagged): drawn in the marked colour, with `marker` */
  marked: boolean;
}

export interface ChartSeries {
  name: string;
  color: string;
  values: number[];
}

export interface ResultChartProps {
  rows: ChartRow[];
  series: ChartSeries[];
  /** Drawn on the first series, which starts at zero */
  line?: { value: number; label: string };
  marker: string;
  markedColor: string;
  /** Whether a marked row's first bar takes the marked colour too (else only its label) */
  markBars?: boolean;
  /** For screen readers the page has a table; this names the picture. */
  ariaLabel: string;
}

const ROW_HEIGHT = 44;

/** Text on a bar: white on dark colours, near-black on light ones (`#rrggbb`). */
function textOn(color: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(color.slice(at, at + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b < 140 ? '#fff' : '#1d1d1d';
}

/** A horizontal stacked bar per row, the first series from zero, with a threshold line. */
export default function ResultChart({
  rows,
  series,
  line,
  marker,
  markedColor,
  markBars = false,
  ariaLabel,
}: ResultChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const node = element.current!;
    const instance = echarts.init(node);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(node);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const node = element.current!;
    const narrow = node.clientWidth < 600;
    const labelWidth = narrow ? 110 : 220;
    chart.current?.setOption(
      {
        // Still: the numbers are the point, and a re-render (language, titles) must not replay.
        animation: false,
        textStyle: { fontSize: 14 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { bottom: 0, textStyle: { fontSize: 14 } },
        grid: { left: 8, right: 24, top: 28, bottom: 36, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: {
          type: 'category',
          inverse: true,
          data: rows.map((row) => (row.marked ? `${marker} ${row.label}` : row.label)),
          axisLabel: {
            width: labelWidth,
            overflow: 'truncate',
            fontSize: 14,
            color: (_: unknown, index: number) => (rows[index]?.marked ? markedColor : '#333'),
          },
        },
        series: series.map((one, index) => ({
          name: one.name,
          type: 'bar',
          stack: 'total',
          barMaxWidth: 28,
          itemStyle: { color: one.color },
          emphasis: { focus: 'series' },
          data: one.values.map((value, row) => {
            const color = markBars && rows[row]?.marked ? markedColor : one.color;
            return index === 0
              ? { value, itemStyle: { color }, label: { color: textOn(color) } }
              : value;
          }),
          label: index === 0 ? { show: true, position: 'insideRight' } : undefined,
          markLine:
            index === 0 && line
              ? {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: '#1d1d1d', type: 'dashed', width: 2 },
                  // The category axis is inverted, so the line's start is at the top.
                  label: { formatter: line.label, position: 'start', color: '#1d1d1d' },
                  data: [{ xAxis: line.value }],
                }
              : undefined,
        })),
      },
      true,
    );
  }, [rows, series, line, marker, markedColor, markBars]);

  return (
    <div
      ref={element}
      role="img"
      aria-label={ariaLabel}
      style={{ width: '100%', height: rows.length * ROW_HEIGHT + 90 }}
    />
  );
}
