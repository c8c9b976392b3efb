import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ApiError } from '../../api/api-error';
import { useHosts } from '../../query/hosts';
import { useConsolesStore } from './consoles.store';
import { HostSelect } from '../../ui/host-select';

type VmItem = { vmId: string; name: string; state: string };

/** Choose a host and a VM to open a console for (inventory can also open one directly). */
export function ConsolePicker() {
  const { t } = useTranslation('console');
  const open = useConsolesStore((s) => s.open);
  const opening = useConsolesStore((s) => s.opening);
  const { hosts, error: hostsError } = useHosts();
  const [picked, setHostId] = useState('');
  // Until the user picks, the first host (the list arrives after the first render).
  const hostId = picked || (hosts[0]?.id ?? '');
  const [vms, setVms] = useState<VmItem[]>([]);
  const [vmId, setVmId] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!hostId) return;
    setVms([]);
    api.invoke('console.listVms', { hostId }).then(
      (r) => {
        setVms(r.vms);
        setVmId(r.vms.find((v) => v.state === 'Running')?.vmId ?? r.vms[0]?.vmId ?? '');
        setError(null);
      },
      (err: ApiError) => setError(err.message),
    );
  }, [hostId]);

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
            <option key={v.vmId} value={v.vmId}>
              {t('vmOption', { name: v.name, state: v.state })}
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
