import { useEffect, useState } from 'react';
import type { IpcErrorShape } from '../../../../shared/ipc/errors';
import { hostOverviewLive } from '../../../../shared/features/host-overview/host-overview.contract';
import { useApi } from '../../query/api-context';
import { useLease } from '../../api/live';
import { appendSample, type TimedSample } from './live-series';

/**
 * Holds the host's live lease while the page shows it (main samples the host only while someone holds it) and keeps
 * the last samples; a failed sample keeps the points so far and says why.
 */
export function useHostSamples(hostId: string | null): { samples: TimedSample[]; error: IpcErrorShape | null } {
  const api = useApi();
  const [samples, setSamples] = useState<TimedSample[]>([]);
  const [error, setError] = useState<IpcErrorShape | null>(null);
  useLease(hostOverviewLive, hostId);
  useEffect(() => {
    setSamples([]);
    setError(null);
    if (hostId === null) return;
    return api.on('hostOverview.sample', (e) => {
      if (e.id !== hostId) return;
      setError(e.error);
      const sample = e.sample;
      if (sample) setSamples((list) => appendSample(list, { at: e.at, sample }));
    });
  }, [api, hostId]);
  return { samples, error };
}
