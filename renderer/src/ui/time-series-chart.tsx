import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { cssVar, resolveColour, useThemeName } from './theme-colors';

export interface ChartSeries {
  label: string;
  /** A CSS colour for the line; `var(--chart-1)` follows the theme (the canvas gets the resolved value). */
  stroke: string;
}

interface Props {
  /** The accessible name of the chart (canvas content is not readable by assistive tech). */
  label: string;
  series: readonly ChartSeries[];
  /** uPlot's columnar data: [unix seconds[], values of series 0[], …]; null = a gap. */
  data: uPlot.AlignedData;
  height?: number;
  /** A fixed y range (e.g. [0, 100] for percentages); auto-scaled when absent. */
  yRange?: [number, number];
  testId?: string;
}

/** uPlot draws its axes on the canvas (black by default): labels in the theme's muted text, grid in its border colour. */
function themedAxis(): uPlot.Axis {
  const text = cssVar('--muted');
  const line = cssVar('--border');
  return {
    ...(text ? { stroke: text } : {}),
    ...(line ? { grid: { stroke: line, width: 1 }, ticks: { stroke: line, width: 1 } } : {}),
  };
}

/**
 * The app's one chart, for live CPU/memory, metering and network views: a time series on uPlot (canvas, ~50 KB,
 * redraws thousands of points in a few ms, and styles only through CSSOM, which our CSP allows). The plot is
 * built once per series set and fed new data with setData, so a live view that ticks every second does not
 * rebuild it; it follows its container's width.
 */
export function TimeSeriesChart({ label, series, data, height = 160, yRange, testId }: Props) {
  const { t } = useTranslation();
  // uPlot names the x series "Time" in its legend unless told otherwise.
  const timeLabel = t('chartTime');
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;
  const seriesKey = JSON.stringify(series);
  const rangeKey = JSON.stringify(yRange ?? null);
  const theme = useThemeName();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height,
      series: [{ label: timeLabel }, ...series.map((s) => ({ label: s.label, stroke: resolveColour(s.stroke), width: 1.5 }))],
      axes: [themedAxis(), themedAxis()],
      scales: yRange ? { y: { range: yRange } } : {},
      legend: { show: series.length > 1 },
    };
    const p = new uPlot(opts, latest.current, el);
    plot.current = p;
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => p.setSize({ width: Math.max(el.clientWidth, 200), height }));
    resize?.observe(el);
    return () => {
      resize?.disconnect();
      p.destroy();
      plot.current = null;
    };
    // Rebuilt only when the series, scale, language or theme change (compared by value); new data goes through setData below.
  }, [seriesKey, rangeKey, height, timeLabel, theme]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div ref={host} className="time-series-chart" role="img" aria-label={label} data-testid={testId} />;
}
