// @vitest-environment jsdom
import './support/dom-shims';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// uPlot draws on a 2D canvas and watches the pixel ratio; jsdom has neither, so the test records the drawing.
const drawn: string[] = [];
beforeAll(() => {
  const ctx = new Proxy({} as Record<string | symbol, unknown>, {
    get: (target, prop) => {
      if (prop in target) return target[prop];
      if (prop === 'measureText') return () => ({ width: 10 });
      return (...args: unknown[]) => void drawn.push(`${String(prop)}(${args.length})`);
    },
    set: (target, prop, value) => ((target[prop] = value), true),
  });
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => ctx as unknown as CanvasRenderingContext2D);
  (globalThis as { Path2D?: unknown }).Path2D = class {
    constructor() {
      return new Proxy(this, { get: (_t, prop) => (...args: unknown[]) => void drawn.push(`path.${String(prop)}(${args.length})`) });
    }
  };
  window.matchMedia = ((query: string) => ({ matches: false, media: query, addEventListener: () => undefined, removeEventListener: () => undefined })) as unknown as typeof window.matchMedia;
});
afterEach(cleanup);

describe('TimeSeriesChart', () => {
  it('renders a labelled uPlot canvas with its series, and takes new data without rebuilding', async () => {
    const { TimeSeriesChart } = await import('../../../renderer/src/ui/time-series-chart');
    const series = [
      { label: 'CPU %', stroke: '#2563eb' },
      { label: 'Memory %', stroke: '#16a34a' },
    ];
    const { rerender } = render(<TimeSeriesChart label="Host load" series={series} data={[[1, 2, 3], [10, 20, 30], [40, 50, 60]]} yRange={[0, 100]} testId="chart" />);
    const chart = screen.getByRole('img', { name: 'Host load' });
    expect(chart.querySelectorAll('canvas')).toHaveLength(1);
    expect(chart.querySelector('.uplot')).not.toBeNull();
    const legend = [...chart.querySelectorAll('.u-legend .u-series th')].map((th) => th.textContent?.trim());
    expect(legend).toEqual(expect.arrayContaining(['CPU %', 'Memory %']));
    const canvas = chart.querySelector('canvas');
    rerender(<TimeSeriesChart label="Host load" series={[...series]} data={[[1, 2, 3, 4], [10, 20, 30, 40], [40, 50, 60, 70]]} yRange={[0, 100]} testId="chart" />);
    // Same series by value: the same plot (canvas) took the new data.
    expect(chart.querySelector('canvas')).toBe(canvas);
    // The lines were drawn (uPlot draws on the next microtask) onto the canvas.
    await new Promise((r) => setTimeout(r, 20));
    expect(drawn.filter((d) => d.startsWith('path.lineTo')).length).toBeGreaterThan(0);
    expect(drawn).toContain('stroke(1)');
  });
});
