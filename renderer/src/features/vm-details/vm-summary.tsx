import { useTranslation } from 'react-i18next';
import type { VmDetails } from '../../../../shared/features/inventory/vm-details.schema';
import type { VmRow } from '../../../../shared/features/inventory/vm-row.schema';
import { isVmOff } from '../../../../shared/features/inventory/vm-row.schema';
import { formatDateTime, formatDuration } from '../inventory';
import './vm-details.css';
import { formatMac, liveBytes, livePercent, mbps, NONE, sizeOrNone } from './summary-values';

/**
 * The summary tab: what the VM is (processors, memory configuration, disks, adapters) from the details read, and
 * what it does now (state, usage, demand) from its grid row. Measurements of a VM that is off read "—".
 */
export function VmSummary({ row, d, hostName }: { row: VmRow; d: VmDetails | null; hostName: string }) {
  const { t, i18n } = useTranslation(['vmDetails', 'common']);
  const loc = i18n.language;
  const off = isVmOff(row.state);
  // The row's addresses are the poll's (current); the details read's are a fallback until the first poll.
  // (Rows from an older cache may lack the field.)
  const rowIps: readonly string[] = (row as Partial<VmRow>).ipAddresses ?? [];
  const ips = off ? [] : rowIps.length ? rowIps : [...new Set((d?.networkAdapters ?? []).flatMap((n) => n.ipAddresses))];
  const m = d?.memory;
  return (
    <div data-testid="vm-summary">
      <dl className="summary-list">
        <dt>{t('host')}</dt>
        <dd>{hostName}</dd>
        <dt>{t('state')}</dt>
        <dd data-testid="details-state">{t(`common:vmState.${row.state}`, { defaultValue: row.state })}</dd>
        <dt>{t('uptime')}</dt>
        <dd>{off ? NONE : formatDuration(row.uptimeSeconds, loc)}</dd>
        <dt>{t('vcpus')}</dt>
        <dd data-testid="details-vcpus">{d ? d.processor.count : row.processorCount}</dd>
        <dt>{t('cpu')}</dt>
        <dd data-testid="details-cpu">{livePercent(row.state, row.cpuUsage, loc)}</dd>
        <dt>{t('memoryStartup')}</dt>
        <dd data-testid="details-memory-startup">{sizeOrNone(m?.startup ?? row.memoryStartup, loc)}</dd>
        <dt>{t('memoryMode')}</dt>
        <dd data-testid="details-memory-mode">
          {m?.dynamic
            ? t('memoryDynamicRange', { min: sizeOrNone(m.minimum, loc), max: sizeOrNone(m.maximum, loc), buffer: m.buffer })
            : t('memoryStatic')}
        </dd>
        <dt>{t('memoryDemand')}</dt>
        <dd data-testid="details-memory-demand">{liveBytes(row.state, row.memoryDemand, loc)}</dd>
        <dt>{t('memoryAssigned')}</dt>
        <dd data-testid="details-memory-assigned">{liveBytes(row.state, row.memoryAssigned, loc)}</dd>
        <dt>{t('memoryAvailable')}</dt>
        <dd>{off || !(row.memoryAssigned > 0) ? NONE : liveBytes(row.state, Math.max(0, row.memoryAssigned - row.memoryDemand), loc)}</dd>
        <dt>{t('ipAddresses')}</dt>
        <dd data-testid="details-ips">{ips.length ? ips.join(', ') : NONE}</dd>
        <dt>{t('heartbeat')}</dt>
        <dd>{row.heartbeat && !off ? t(`common:heartbeat.${row.heartbeat}`, { defaultValue: row.heartbeat }) : NONE}</dd>
        <dt>{t('integrationServices')}</dt>
        <dd>{d?.integrationServicesVersion ?? NONE}</dd>
        <dt>{t('computerName')}</dt>
        <dd data-testid="details-computer-name">{d?.guest.computerName ?? NONE}</dd>
        <dt>{t('os')}</dt>
        <dd>{d?.guest.osName ? `${d.guest.osName}${d.guest.osVersion ? ` (${d.guest.osVersion})` : ''}` : NONE}</dd>
        <dt>{t('generation')}</dt>
        <dd>
          {row.generation} · {t('configVersion', { version: row.version })}
        </dd>
        <dt>{t('created')}</dt>
        <dd>{formatDateTime(d?.creationTime, loc)}</dd>
        <dt>{t('configLocation')}</dt>
        <dd>
          <code>{d?.configurationLocation ?? NONE}</code>
        </dd>
        <dt>{t('checkpointLocation')}</dt>
        <dd>
          <code>{d?.snapshotFileLocation ?? NONE}</code>
        </dd>
        <dt>{t('checkpoints')}</dt>
        <dd>{row.checkpointCount}</dd>
        <dt>{t('replication')}</dt>
        <dd>{t(`common:replication.${row.replicationState}`, { defaultValue: row.replicationState })}</dd>
      </dl>
      {d && <DeviceTables d={d} off={off} />}
    </div>
  );
}

function DeviceTables({ d, off }: { d: VmDetails; off: boolean }) {
  const { t, i18n } = useTranslation(['vmDetails', 'common']);
  const loc = i18n.language;
  return (
    <>
      <h3 className="summary-heading">{t('disks')}</h3>
      {d.hardDrives.length === 0 && d.dvdDrives.length === 0 ? (
        <p className="muted">{t('noDisks')}</p>
      ) : (
        <table className="summary-table" data-testid="details-disks">
          <thead>
            <tr>
              <th>{t('diskController')}</th>
              <th>{t('diskPath')}</th>
              <th>{t('diskType')}</th>
              <th>{t('diskCurrent')}</th>
              <th>{t('diskMaximum')}</th>
            </tr>
          </thead>
          <tbody>
            {d.hardDrives.map((h) => (
              <tr key={`hd-${h.controllerType}-${h.controllerNumber}-${h.controllerLocation}`} data-testid="details-disk">
                <td>{`${h.controllerType} ${h.controllerNumber}:${h.controllerLocation}`}</td>
                <td>
                  <code>{h.path ?? NONE}</code>
                </td>
                <td>{h.vhdType ? t(`vhdType.${h.vhdType}`, { defaultValue: h.vhdType }) : NONE}</td>
                <td>{sizeOrNone(h.fileSize, loc)}</td>
                <td>{sizeOrNone(h.size, loc)}</td>
              </tr>
            ))}
            {d.dvdDrives.map((x) => (
              <tr key={`dvd-${x.controllerType}-${x.controllerNumber}-${x.controllerLocation}`} data-testid="details-dvd">
                <td>{`${x.controllerType} ${x.controllerNumber}:${x.controllerLocation}`}</td>
                <td>
                  <code>{x.path ?? t('noMediaShort')}</code>
                </td>
                <td>{t('dvd')}</td>
                <td>{NONE}</td>
                <td>{NONE}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="summary-heading">{t('adapters')}</h3>
      {d.networkAdapters.length === 0 ? (
        <p className="muted">{t('noAdapters')}</p>
      ) : (
        <table className="summary-table" data-testid="details-adapters">
          <thead>
            <tr>
              <th>{t('adapterName')}</th>
              <th>{t('adapterSwitch')}</th>
              <th>{t('adapterMac')}</th>
              <th>{t('adapterVlan')}</th>
              <th>{t('ipAddresses')}</th>
            </tr>
          </thead>
          <tbody>
            {d.networkAdapters.map((n) => {
              const max = mbps(n.maximumBandwidth);
              return (
                <tr key={n.id} data-testid="details-adapter">
                  <td>
                    {n.name}
                    {max !== null ? <span className="muted"> · {t('maxBandwidthShort', { mbps: max })}</span> : null}
                  </td>
                  <td>{n.switchName || t('notConnected')}</td>
                  <td>
                    <code>{formatMac(n.macAddress)}</code> <span className="muted">{n.dynamicMac ? t('macDynamic') : t('macStatic')}</span>
                  </td>
                  <td data-testid="details-adapter-vlan">{n.vlanId > 0 ? n.vlanId : t('untagged')}</td>
                  <td>{!off && n.ipAddresses.length ? n.ipAddresses.join(', ') : NONE}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
