import type { GuestRole, LastSeenRole, RoleDecision } from './checkpoint-schemas';
import type { ApplyAcknowledgement, CheckpointKind } from './checkpoints.contract';

/** KVP ProductType reported by a Windows guest that runs AD DS (1 workstation, 2 domain controller, 3 server). */
export const PRODUCT_TYPE_DOMAIN_CONTROLLER = 2;

/** What main knows besides the guest's report now: the VM's state and the last role it reported. */
export interface RoleContext {
  vmState?: string;
  lastSeen?: LastSeenRole | null;
}

/**
 * The user's role wins over the guest's report: a DC whose integration services are off reports nothing. A
 * guest that reports nothing now (KVP is empty while a VM is off) keeps the role it last reported; a VM that
 * is not running and never reported is 'unknown' and treated as a possible DC, since admins shut a DC down
 * before applying a checkpoint, which is exactly when the warning matters.
 */
export function decideRole(userRole: GuestRole, productType: number | null, ctx: RoleContext = {}): RoleDecision {
  const base = { userRole, seenAt: null };
  if (userRole === 'domain-controller') return { ...base, isDomainController: true, source: 'user' };
  if (userRole === 'member') return { ...base, isDomainController: false, source: 'user' };
  if (productType === PRODUCT_TYPE_DOMAIN_CONTROLLER) return { ...base, isDomainController: true, source: 'kvp' };
  if (productType !== null) return { ...base, isDomainController: false, source: 'none' };
  if (ctx.lastSeen) return { userRole, isDomainController: ctx.lastSeen.isDomainController, source: 'remembered', seenAt: ctx.lastSeen.seenAt };
  if (ctx.vmState !== undefined && ctx.vmState !== 'Running') return { ...base, isDomainController: true, source: 'unknown' };
  return { ...base, isDomainController: false, source: 'none' };
}

/** The report worth remembering (a guest that reported a ProductType), or null when it reported nothing. */
export function roleToRemember(productType: number | null, now: Date): LastSeenRole | null {
  if (productType === null) return null;
  return { isDomainController: productType === PRODUCT_TYPE_DOMAIN_CONTROLLER, productType, seenAt: now.toISOString() };
}

export type CreateVerdict =
  | { allowed: true; overridden: boolean }
  | { allowed: false; rule: 'dc-standard-checkpoint'; message: string };

/**
 * A standard checkpoint of a domain controller captures memory; applying it later rolls AD back to a
 * moment other DCs have moved past. Refused unless the user overrides with a reason. Enforced in main.
 */
export function judgeCreate(isDomainController: boolean, kind: CheckpointKind, overrideReason: string | undefined): CreateVerdict {
  if (!isDomainController || kind === 'production') return { allowed: true, overridden: false };
  if (overrideReason && overrideReason.trim().length >= 5) return { allowed: true, overridden: true };
  return {
    allowed: false,
    rule: 'dc-standard-checkpoint',
    message:
      'This VM is a domain controller: a standard checkpoint is refused. Take a production checkpoint, or override with a reason.',
  };
}

export function requiredAcknowledgements(isDomainController: boolean, multiVmGroupCount: number): ApplyAcknowledgement[] {
  const out: ApplyAcknowledgement[] = [];
  if (isDomainController) out.push('domain-controller');
  if (multiVmGroupCount > 0) out.push('multi-vm-group');
  return out;
}

export function missingAcknowledgements(
  required: readonly ApplyAcknowledgement[],
  given: readonly ApplyAcknowledgement[],
): ApplyAcknowledgement[] {
  return required.filter((r) => !given.includes(r));
}

/** A checkpoint with memory state brings the VM back Saved; one without (production, or taken while off) leaves it Off. */
export function stateAfterApply(checkpointState: string): 'Saved' | 'Off' {
  return checkpointState === 'Off' ? 'Off' : 'Saved';
}
