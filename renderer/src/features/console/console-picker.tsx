import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useHosts } from '../../query/hosts';
import { translateRuntimeKey } from '../../i18n/keys';
import { useInventoryStore } from '../inventory';
import { useConsolesStore } from './consoles.store';
import { HostSelect } from '../../ui/host-select';

import { pickerVms, type VmItem } from './picker-vms';
import { userMessage } from '../../ui/user-message';

/** Choose a host and a VM to open a console for (inventory can also open one directly). */
export function ConsolePicker() {
  const { t, i18n } = useTranslation(['console', 'common']);
  const open = useConsolesStore((s) => s.open);
  const opening = useConsolesStore((s) => s.opening);
  const { hosts, error: hostsError } = useHosts();
  const [picked, setHostId] = useState('');
  // Until the user picks, the first host (the list arrives after the first render).
  const hostId = picked || (hosts[0]?.id ?? '');
  const [listed, setListed] = useState<VmItem[]>([]);
  const [vmId, setVmId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const hostRows = useInventoryStore((s) => s.hosts[hostId]?.vms);

  // The inventory's live rows (held while this view is up, as the grid does).
  useEffect(() => useInventoryStore.getState().start(), []);

  useEffect(() => {
    if (!hostId) return;
    setListed([]);
    api.invoke('console.listVms', { hostId }).then(
      (r) => {
        setListed(r.vms);
        setVmId((current) => (r.vms.some((v) => v.vmId === current) ? current : (r.vms.find((v) => v.state === 'Running')?.vmId ?? r.vms[0]?.vmId ?? '')));
        setError(null);
      },
      (err: unknown) => setError(userMessage(err)),
    );
  }, [hostId]);

  const live = useMemo(() => new Map((hostRows ?? []).map((r) => [r.id.toLowerCase(), r.state])), [hostRows]);
  const vms = useMemo(() => pickerVms(listed, live, i18n.language), [listed, live, i18n.language]);

  return (
    <form
      className="console-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (hostId && vmId) void open(hostId, vmId);
      }}
    >
      <HostSelect label={t('host')} hosts={hosts} value={hostId} onChange={setHostId} testId="console-host" />
      <label>
        {t('vm')}
        <select value={vmId} onChange={(e) => setVmId(e.target.value)} data-testid="console-vm">
          {vms.map((v) => (
            <option key={v.vmId} value={v.vmId} data-state={v.state}>
              {t('vmOption', { name: v.name, state: translateRuntimeKey(t, `common:vmState.${v.state}`, { defaultValue: v.state }) })}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={!vmId || opening} data-testid="console-open">
        {t('open')}
      </button>
      {(error ?? hostsError) && <span className="console-error">{error ?? hostsError}</span>}
    </form>
  );
}
