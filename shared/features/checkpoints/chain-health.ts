import type { ChainHealth, ChainHealthScriptResult, ChainIssue } from './checkpoint-schemas';

/** A chain this deep slows every read and makes each merge long; Hyper-V Manager gives no hint of it. */
export const DEEP_CHAIN_THRESHOLD = 8;

const key = (p: string): string => p.replace(/\//g, '\\').toLowerCase();

/**
 * Turns what get-chain-health.ps1 saw on the host into findings. Pure: paths compare case-insensitively
 * (Windows file systems), a differencing link counts one level of depth.
 */
export function analyseChainHealth(
  raw: ChainHealthScriptResult,
  ids: { hostId: string; vmId: string },
  now: Date,
): ChainHealth {
  const inChains = new Set<string>();
  const disks = raw.disks.map((d) => {
    for (const l of d.chain) inChains.add(key(l.path));
    const depth = d.chain.filter((l) => l.vhdType === 'Differencing').length;
    const broken = d.chain.find((l) => !l.exists);
    return { ...d, depth, brokenAt: broken ? broken.path : null };
  });
  const owned = new Set(raw.ownedPaths.map(key));
  const lingering = raw.candidates
    .filter((c) => !owned.has(key(c.path)) && !inChains.has(key(c.path)))
    .map((c) => ({ path: c.path, fileSize: c.fileSize }));

  const issues: ChainIssue[] = [];
  for (const d of disks) {
    const label = d.path ?? `${d.controllerType} ${d.controllerNumber}:${d.controllerLocation}`;
    if (d.brokenAt) issues.push({ kind: 'broken-chain', path: d.brokenAt });
    if (raw.checkpointCount === 0 && d.depth > 0) issues.push({ kind: 'avhdx-without-checkpoints', path: label, depth: d.depth });
    else if (d.depth >= DEEP_CHAIN_THRESHOLD) issues.push({ kind: 'deep-chain', path: label, depth: d.depth });
  }
  for (const l of lingering) issues.push({ kind: 'lingering-avhdx', path: l.path });

  return {
    hostId: ids.hostId,
    vmId: ids.vmId,
    vmName: raw.vmName,
    vmState: raw.vmState,
    checkpointCount: raw.checkpointCount,
    disks,
    lingering,
    issues,
    fetchedAt: now.toISOString(),
  };
}

export type CleanupStepId =
  | 'no-manual-merge'
  | 'check-backups'
  | 'stop-broken-chain'
  | 'delete-unneeded-checkpoints'
  | 'let-hyperv-merge'
  | 'set-aside-lingering'
  | 'refresh';

export interface CleanupStep {
  id: CleanupStepId;
  /** The one step with an action the app runs for you: Hyper-V's own merge (checkpoint, then delete it). */
  action?: 'cleanup-merge' | 'refresh';
}

/**
 * The guided clean-up, in order. It never starts with Merge-VHD: a manual merge of the wrong file, or
 * of a chain the VM still references, destroys data; Hyper-V's own merge (deleting a checkpoint) is safe.
 * A broken chain stops the guide before any merge: merging cannot repair a missing parent.
 */
export function cleanupSteps(health: ChainHealth): CleanupStep[] {
  if (health.issues.length === 0) return [];
  const has = (k: ChainIssue['kind']) => health.issues.some((i) => i.kind === k);
  const steps: CleanupStep[] = [{ id: 'no-manual-merge' }, { id: 'check-backups' }];
  if (has('broken-chain')) {
    steps.push({ id: 'stop-broken-chain' }, { id: 'refresh', action: 'refresh' });
    return steps;
  }
  if (has('deep-chain')) steps.push({ id: 'delete-unneeded-checkpoints' });
  if (has('avhdx-without-checkpoints')) steps.push({ id: 'let-hyperv-merge', action: 'cleanup-merge' });
  if (has('lingering-avhdx')) steps.push({ id: 'set-aside-lingering' });
  steps.push({ id: 'refresh', action: 'refresh' });
  return steps;
}
