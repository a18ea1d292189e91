import { useComputedColorScheme, useMantineTheme } from '@mantine/core';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TimeSeriesChartProps } from './TimeSeriesChart';

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** uPlot draws on a canvas: fast for thousands of points, the library Grafana uses (decision 033). */
export default function TimeSeriesChartImpl({
  times,
  series,
  height,
  unit,
  onPointClick,
}: TimeSeriesChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const scheme = useComputedColorScheme('light');
  const theme = useMantineTheme();
  const clickRef = useRef(onPointClick);
  clickRef.current = onPointClick;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const axisColor = scheme === 'dark' ? theme.colors.dark[1] : theme.colors.gray[7];
    const gridColor = scheme === 'dark' ? theme.colors.dark[4] : theme.colors.gray[2];
    const axis: uPlot.Axis = {
      stroke: axisColor,
      grid: { stroke: gridColor, width: 1 },
      ticks: { stroke: gridColor, width: 1 },
    };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [
        axis,
        {
          ...axis,
          // 1.2M rather than 1200000: the axis keeps its width on a wall screen and at 1280 px.
          values: (_u, ticks) => ticks.map((t) => `${compact.format(t)}${unit ? ` ${unit}` : ''}`),
          size: 64,
        },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: theme.colors[s.color]?.[scheme === 'dark' ? 4 : 7] ?? s.color,
          width: 2,
          spanGaps: false,
          // A lone minute with calls between empty ones would be invisible as a line.
          points: { show: true, size: 5 },
        })),
      ],
    };
    const data: uPlot.AlignedData = [times, ...series.map((s) => s.values)];
    const plot = new uPlot(opts, data, el);
    chart.current = plot;
    const onClick = () => {
      const idx = plot.cursor.idx;
      if (idx !== null && idx !== undefined) clickRef.current?.(idx);
    };
    plot.over.addEventListener('click', onClick);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.over.removeEventListener('click', onClick);
      plot.destroy();
      chart.current = null;
    };
  }, [times, series, height, unit, scheme, theme]);

  return <div ref={host} style={{ cursor: onPointClick ? 'pointer' : undefined }} />;
}
