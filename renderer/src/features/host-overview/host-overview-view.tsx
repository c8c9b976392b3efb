import { useTranslation } from 'react-i18next';
import type { HostOverview, HostOverviewView as OverviewAnswer } from '../../../../shared/features/host-overview/host-overview.contract';
import { useHosts } from '../../query/hosts';
import { ErrorText } from '../../ui/error-text';
import { HostSelect } from '../../ui/host-select';
import { formatBytes, formatDateTime, formatNumber } from '../inventory';
import { useHostOverviewStore } from './host-overview.store';
import { useHostOverview } from './host-overview.query';
import { HostLive } from './host-live';
import { countByState, type TimedSample } from './live-series';
import { useHostSamples } from './use-host-samples';
import './host-overview.css';

/** A page per host: processors, memory, the VM folders' storage, the version, VMs by state, and live graphs. */
export function HostOverviewView() {
  const { t } = useTranslation('hostOverview');
  const { hosts } = useHosts();
  const picked = useHostOverviewStore((s) => s.hostId);
  const setHost = useHostOverviewStore((s) => s.setHost);
  const hostId = hosts.some((h) => h.id === picked) ? picked : (hosts[0]?.id ?? null);
  const hostName = (id: string) => hosts.find((h) => h.id === id)?.name;
  const { view, error, loading, refetch, fetching } = useHostOverview(hostId);
  // One lease and one sample stream for the page: the charts draw them, the VM counts follow the latest.
  const live = useHostSamples(hostId);
  return (
    <section className="view host-overview" aria-labelledby="view-title-host-overview" data-testid="host-overview-view">
      <h1 id="view-title-host-overview">{t('title')}</h1>
      {hosts.length === 0 ? (
        <p className="muted" data-testid="host-overview-empty">
          {t('noHosts')}
        </p>
      ) : (
        <>
          <div className="host-overview__bar">
            <HostSelect label={t('host')} hosts={hosts} value={hostId ?? ''} onChange={setHost} testId="host-overview-host" />
            <button type="button" onClick={refetch} disabled={fetching} data-testid="host-overview-refresh">
              {t('refresh')}
            </button>
          </div>
          {loading && <p className="muted">{t('loading')}</p>}
          {error !== null && error !== undefined && <ErrorText error={error} hostName={hostName} testId="host-overview-error" />}
          {view && <OverviewBody view={view} hostName={hostName} latest={live.samples.at(-1)} />}
          {hostId && <HostLive samples={live.samples} error={live.error} hostName={hostName} />}
        </>
      )}
    </section>
  );
}

function OverviewBody({ view, hostName, latest }: { view: OverviewAnswer; hostName: (id: string) => string | undefined; latest: TimedSample | undefined }) {
  const { t, i18n } = useTranslation(['hostOverview', 'common']);
  return (
    <>
      {view.error && (
        <div className="host-overview__stale" role="status" data-testid="host-overview-stale" data-stale={view.overview ? 'true' : 'never'}>
          <p>{view.overview ? t('stale', { when: formatDateTime(view.fetchedAt, i18n.language) }) : t('neverRead')}</p>
          <ErrorText error={view.error} hostName={hostName} testId="host-overview-reason" />
        </div>
      )}
      {view.overview && <Figures overview={view.overview} stale={view.stale} latest={latest} />}
    </>
  );
}

function Figures({ overview: o, stale, latest }: { overview: HostOverview; stale: boolean; latest: TimedSample | undefined }) {
  const { t, i18n } = useTranslation(['hostOverview', 'common']);
  const lang = i18n.language;
  const bytes = (n: number | null) => (n === null ? t('none') : formatBytes(n, lang));
  const used = Math.max(0, o.memory.totalBytes - o.memory.freeBytes);
  // The VMs by state as the latest live sample has them (a VM started meanwhile counts), else as the page read them.
  const vms = latest && !stale ? { total: latest.sample.vms.length, byState: countByState(latest.sample.vms) } : o.vms;
  return (
    <div className={`host-overview__cards${stale ? ' host-overview__cards--stale' : ''}`} data-testid="host-overview-figures" data-stale={stale}>
      <section className="host-overview__card" aria-labelledby="ho-processors" data-testid="host-overview-processors">
        <h2 id="ho-processors">{t('processors.title')}</h2>
        <dl>
          <dt>{t('processors.logical')}</dt>
          <dd data-testid="ho-logical">{formatNumber(o.processors.logical, lang)}</dd>
          <dt>{t('processors.sockets')}</dt>
          <dd data-testid="ho-sockets">{o.processors.sockets > 0 ? formatNumber(o.processors.sockets, lang) : t('none')}</dd>
          <dt>{t('processors.cores')}</dt>
          <dd data-testid="ho-cores">{o.processors.cores > 0 ? formatNumber(o.processors.cores, lang) : t('none')}</dd>
          <dt>{t('processors.model')}</dt>
          {/* What the host reports (a processor model, the OS caption) is a name: not ours to translate. */}
          <dd data-testid="ho-model" translate="no" data-walk-skip="">{o.processors.model ?? t('none')}</dd>
        </dl>
      </section>
      <section className="host-overview__card" aria-labelledby="ho-memory" data-testid="host-overview-memory">
        <h2 id="ho-memory">{t('memory.title')}</h2>
        <dl>
          <dt>{t('memory.inUse')}</dt>
          <dd data-testid="ho-memory-used">{bytes(used)}</dd>
          <dt>{t('memory.free')}</dt>
          <dd data-testid="ho-memory-free">{bytes(o.memory.freeBytes)}</dd>
          <dt>{t('memory.total')}</dt>
          <dd>{bytes(o.memory.totalBytes)}</dd>
          <dt>{t('memory.capacity')}</dt>
          <dd>{bytes(o.memory.capacityBytes)}</dd>
        </dl>
        <meter min={0} max={o.memory.totalBytes || 1} value={used} aria-label={t('memory.inUse')} />
      </section>
      <section className="host-overview__card" aria-labelledby="ho-version" data-testid="host-overview-version">
        <h2 id="ho-version">{t('version.title')}</h2>
        <dl>
          <dt>{t('version.os')}</dt>
          <dd data-testid="ho-os" translate="no" data-walk-skip="">{o.os.caption}</dd>
          <dd>{t('version.build', { version: o.os.version, build: o.os.buildNumber })}</dd>
        </dl>
        <p className="muted">{t('version.help')}</p>
      </section>
      <section className="host-overview__card" aria-labelledby="ho-vms" data-testid="host-overview-vms">
        <h2 id="ho-vms">{t('vms.title')}</h2>
        {vms.total === 0 ? (
          <p className="muted">{t('vms.empty')}</p>
        ) : (
          <dl>
            <dt>{t('vms.total')}</dt>
            <dd data-testid="ho-vms-total">{formatNumber(vms.total, lang)}</dd>
            {vms.byState.map((s) => (
              <div key={s.state} className="host-overview__pair" data-testid="ho-vm-state" data-state={s.state}>
                <dt>{t(`common:vmState.${s.state}`, { defaultValue: s.state })}</dt>
                <dd>{formatNumber(s.count, lang)}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <section className="host-overview__card host-overview__card--wide" aria-labelledby="ho-storage" data-testid="host-overview-storage">
        <h2 id="ho-storage">{t('storage.title')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('storage.folder')}</th>
              <th scope="col">{t('storage.volume')}</th>
              <th scope="col">{t('storage.size')}</th>
              <th scope="col">{t('storage.free')}</th>
            </tr>
          </thead>
          <tbody>
            {o.storage.map((s) => (
              <tr key={s.role} data-testid="ho-storage-row" data-role={s.role}>
                <th scope="row">
                  <span>{t(`storage.role.${s.role}`)}</span>
                  <br />
                  <code>{s.path}</code>
                </th>
                {s.volume === null ? (
                  <td colSpan={3} className="muted">
                    {t('storage.noVolume')}
                  </td>
                ) : (
                  <>
                    <td>
                      <code>{s.volume}</code>
                    </td>
                    <td data-testid="ho-storage-size">{bytes(s.sizeBytes)}</td>
                    <td data-testid="ho-storage-free">{bytes(s.freeBytes)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
