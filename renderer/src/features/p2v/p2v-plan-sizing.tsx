import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreflightFacts } from '../../../../shared/features/p2v/p2v.contract';

const MB = 1024 * 1024;

interface HostLimits {
  logicalProcessorCount: number | null;
  memoryCapacity: number | null;
}

export interface Sizing {
  processors: string;
  memoryMb: string;
  setProcessors(v: string): void;
  setMemoryMb(v: string): void;
  processorsMax: number | null;
  memoryMaxMb: number | null;
  processorsBad: boolean;
  memoryBad: boolean;
  invalid: boolean;
  /** What the plan gets (main checks the host's limits again and words the same refusal). */
  values: { processorCount?: number; memoryBytes?: number };
}

/**
 * The VM's processors and startup memory in the plan: the source's own (within the host's) as the default,
 * refused next to the field outside "1 to N on this host" and "32 to M MB" (Hyper-V takes 2 MB steps).
 */
export function useSizing(facts: PreflightFacts, host: HostLimits | undefined): Sizing {
  const processorsMax = host?.logicalProcessorCount ?? null;
  const memoryMaxMb = host?.memoryCapacity ? Math.floor(host.memoryCapacity / MB) : null;
  const [processors, setProcessors] = useState(String(Math.max(1, Math.min(facts.logicalProcessors, processorsMax ?? facts.logicalProcessors))));
  const [memoryMb, setMemoryMb] = useState(String(Math.max(32, Math.floor(Math.min(facts.memoryBytes / MB, memoryMaxMb ? memoryMaxMb / 2 : facts.memoryBytes / MB) / 2) * 2)));
  const p = Number(processors);
  const m = Number(memoryMb);
  const processorsBad = !Number.isInteger(p) || p < 1 || p > (processorsMax ?? 240);
  const memoryBad = !Number.isInteger(m) || m < 32 || m % 2 !== 0 || (memoryMaxMb !== null && m > memoryMaxMb);
  return {
    processors,
    memoryMb,
    setProcessors,
    setMemoryMb,
    processorsMax,
    memoryMaxMb,
    processorsBad,
    memoryBad,
    invalid: processorsBad || memoryBad,
    values: processorsBad || memoryBad ? {} : { processorCount: p, memoryBytes: m * MB },
  };
}

export function P2vPlanSizing({ sizing: s }: { sizing: Sizing }) {
  const { t } = useTranslation('p2v');
  return (
    <>
      <label>
        {t('sizing.processors')}
        <input data-testid="p2v-processors" type="number" min={1} max={s.processorsMax ?? 240} value={s.processors} aria-invalid={s.processorsBad} onChange={(e) => s.setProcessors(e.target.value)} />
        {s.processorsBad && (
          <span className="error-text" role="alert" data-testid="p2v-processors-error">
            {t('sizing.processorsRange', { max: s.processorsMax ?? 240 })}
          </span>
        )}
      </label>
      <label>
        {t('sizing.memoryMb')}
        <input data-testid="p2v-memory" type="number" min={32} step={2} max={s.memoryMaxMb ?? undefined} value={s.memoryMb} aria-invalid={s.memoryBad} onChange={(e) => s.setMemoryMb(e.target.value)} />
        {s.memoryBad && (
          <span className="error-text" role="alert" data-testid="p2v-memory-error">
            {t('sizing.memoryRange', { max: s.memoryMaxMb ?? '—' })}
          </span>
        )}
      </label>
    </>
  );
}
