import type { GuestRole, RoleDecision } from './checkpoint-schemas';
import type { ApplyAcknowledgement, CheckpointKind } from './checkpoints.contract';

/** KVP ProductType reported by a Windows guest that runs AD DS (1 workstation, 2 domain controller, 3 server). */
export const PRODUCT_TYPE_DOMAIN_CONTROLLER = 2;

/** The user's role wins over the guest's report: a DC whose integration services are off reports nothing. */
export function decideRole(userRole: GuestRole, productType: number | null): RoleDecision {
  if (userRole === 'domain-controller') return { isDomainController: true, source: 'user', userRole };
  if (userRole === 'member') return { isDomainController: false, source: 'user', userRole };
  if (productType === PRODUCT_TYPE_DOMAIN_CONTROLLER) return { isDomainController: true, source: 'kvp', userRole };
  return { isDomainController: false, source: 'none', userRole };
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
