import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import { ErrorText } from '../../ui/error-text';
import { TimeSeriesChart, type ChartSeries } from '../../ui/time-series-chart';
import { formatBytes, formatPercent } from '../inventory';
import type { IpcErrorShape } from '../../../../shared/ipc/errors';
import { toSeries, vmFigure, type TimedSample } from './live-series';

/** Line colours for the VMs' series, repeated past eight VMs: the theme's --chart-1..8 (app.css), resolved by TimeSeriesChart for the canvas. */
const PALETTE = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `var(--chart-${n})`);

/** Live CPU and memory of the host and of each VM while the page is open (the page holds the host's lease meanwhile). */
export function HostLive({ samples, error, hostName }: { samples: TimedSample[]; error: IpcErrorShape | null; hostName: (id: string) => string | undefined }) {
  const { t, i18n } = useTranslation(['hostOverview', 'common']);
  const series = useMemo(() => toSeries(samples), [samples]);
  const hostCpu: ChartSeries[] = useMemo(() => [{ label: t('live.cpuSeries'), stroke: PALETTE[0]! }], [t]);
  const hostMem: ChartSeries[] = useMemo(() => [{ label: t('live.memorySeries'), stroke: PALETTE[1]! }], [t]);
  const vmSeries: ChartSeries[] = useMemo(() => series.vms.map((v, i) => ({ label: v.name, stroke: PALETTE[i % PALETTE.length]! })), [series.vms]);
  const latest = samples.at(-1)?.sample;
  const lang = i18n.language;
  const dash = t('none');
  return (
    <section className="host-overview__live" aria-labelledby="ho-live" data-testid="host-overview-live" data-samples={samples.length}>
      <h2 id="ho-live">{t('live.title')}</h2>
      {error && (
        <div role="status" data-testid="host-overview-sample-error">
          <p>{t('live.failed')}</p>
          <ErrorText error={error} hostName={hostName} testId="host-overview-sample-reason" />
        </div>
      )}
      {samples.length === 0 && !error && <p className="muted">{t('live.waiting')}</p>}
      <div className="host-overview__charts">
        <figure>
          <figcaption>{t('live.hostCpu')}</figcaption>
          <TimeSeriesChart label={t('live.hostCpu')} series={hostCpu} data={[series.times, series.hostCpu] as uPlot.AlignedData} yRange={[0, 100]} testId="chart-host-cpu" />
        </figure>
        <figure>
          <figcaption>{t('live.hostMemory')}</figcaption>
          <TimeSeriesChart label={t('live.hostMemory')} series={hostMem} data={[series.times, series.hostMemoryGb] as uPlot.AlignedData} testId="chart-host-memory" />
        </figure>
        {vmSeries.length > 0 && (
          <>
            <figure>
              <figcaption>{t('live.vmCpu')}</figcaption>
              <TimeSeriesChart label={t('live.vmCpu')} series={vmSeries} data={[series.times, ...series.vmCpu] as uPlot.AlignedData} yRange={[0, 100]} testId="chart-vm-cpu" />
            </figure>
            <figure>
              <figcaption>{t('live.vmMemory')}</figcaption>
              <TimeSeriesChart label={t('live.vmMemory')} series={vmSeries} data={[series.times, ...series.vmMemoryGb] as uPlot.AlignedData} testId="chart-vm-memory" />
            </figure>
          </>
        )}
      </div>
      {latest && latest.vms.length > 0 && (
        <table className="host-overview__vms" aria-label={t('live.table')} data-testid="host-overview-vm-table">
          <thead>
            <tr>
              <th scope="col">{t('live.name')}</th>
              <th scope="col">{t('live.state')}</th>
              <th scope="col">{t('live.cpu')}</th>
              <th scope="col">{t('live.assigned')}</th>
              <th scope="col">{t('live.demand')}</th>
            </tr>
          </thead>
          <tbody>
            {latest.vms.map((v) => {
              const cpu = vmFigure(v, v.cpuUsage);
              const assigned = vmFigure(v, v.memoryAssigned);
              const demand = vmFigure(v, v.memoryDemand);
              return (
                <tr key={v.id} data-testid="ho-vm-row" data-vm-name={v.name} data-state={v.state}>
                  <th scope="row">{v.name}</th>
                  <td>{t(`common:vmState.${v.state}`, { defaultValue: v.state })}</td>
                  <td data-testid="ho-vm-cpu">{cpu === null ? dash : formatPercent(cpu, lang)}</td>
                  <td data-testid="ho-vm-assigned">{assigned === null ? dash : formatBytes(assigned, lang)}</td>
                  <td data-testid="ho-vm-demand">{demand === null ? dash : formatBytes(demand, lang)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
