import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userMessage } from '../../ui/user-message';
import { useInventoryStore } from '../../stores/inventory.store';
import { Dialog, DialogActions, FormDialog } from '../../ui/dialog';
import { useConfirmationsEnabled } from '../settings';
import { DeleteDialog } from './delete-dialog';
import { useActionFlow, type PendingAction } from './vm-action-flow';
import { confirmedActionList } from './vm-action-policy';
import { skippedText } from './vm-action-text';

/** The confirmation of a destructive power action: it names every VM, and the ones it skips. */
function ConfirmPowerDialog({ pending }: { pending: Extract<PendingAction, { kind: 'confirm' }> }) {
  const { t } = useTranslation(['inventory', 'common']);
  const targets = useInventoryStore((s) => s.targets)(pending.keys);
  const { run, cancel } = useActionFlow.getState();
  const action = t(`common:actions.${pending.action}`);
  const title = targets.length === 1 ? t('confirm.titleOne', { action, name: targets[0]!.vmName }) : t('confirm.titleMany', { action, count: targets.length });
  const confirmed = confirmedActionList.find((a) => a === pending.action);
  const body = confirmed ? t(`confirm.body.${confirmed}`) : null;
  return (
    <Dialog title={title} onClose={cancel} testId="confirm-action">
      {body && <p>{body}</p>}
      <p>{t('confirm.vms')}</p>
      <ul className="delete-list" data-testid="confirm-vms">
        {targets.map((v) => (
          <li key={`${v.hostId}/${v.vmId}`}>
            <strong>{v.vmName}</strong>
          </li>
        ))}
      </ul>
      {pending.skipped.length > 0 && (
        <p className="muted" data-testid="confirm-skipped">
          {skippedText(t, pending.skipped)}: {pending.skipped.flatMap(([, names]) => names).join(', ')}
        </p>
      )}
      <DialogActions onCancel={cancel} cancelTestId="confirm-cancel">
        <button type="button" className="danger" autoFocus onClick={() => void run(pending.action, pending.keys, pending.skipped)} data-testid="confirm-ok">
          {action}
        </button>
      </DialogActions>
    </Dialog>
  );
}

const MIN_REASON = 5;

/**
 * A domain controller was refused a standard checkpoint: offer the production checkpoint the rule wants, or a
 * standard one with the reason the override needs (recorded with the task and in the ledger).
 */
function DcCheckpointDialog({ pending }: { pending: Extract<PendingAction, { kind: 'dcCheckpoint' }> }) {
  const { t } = useTranslation(['inventory', 'common']);
  const { run, cancel } = useActionFlow.getState();
  const [kind, setKind] = useState<'production' | 'standard'>('production');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tooShort = kind === 'standard' && reason.trim().length < MIN_REASON;
  const submit = () => {
    setTouched(true);
    if (tooShort) return;
    setBusy(true);
    run('checkpoint', pending.keys, [], kind === 'production' ? { production: true } : { reason: reason.trim() }).then(
      () => undefined,
      (err: unknown) => {
        setBusy(false);
        setError(userMessage(err));
      },
    );
  };
  return (
    <FormDialog title={t('dc.title')} testId="dc-checkpoint" testIdPrefix="dc-checkpoint" submitLabel={t('dc.submit')} busy={busy} error={error} onSubmit={submit} onClose={cancel}>
      <p role="alert">{t('dc.body', { names: pending.names.join(', ') })}</p>
      <label className="form-grid__check">
        <input type="radio" name="dc-kind" checked={kind === 'production'} onChange={() => setKind('production')} data-testid="dc-production" />
        {t('dc.production')}
      </label>
      <label className="form-grid__check">
        <input type="radio" name="dc-kind" checked={kind === 'standard'} onChange={() => setKind('standard')} data-testid="dc-standard" />
        {t('dc.standard')}
      </label>
      {kind === 'standard' && (
        <label className="dc-reason">
          {t('dc.reason')}
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            onBlur={() => setTouched(true)}
            maxLength={500}
            autoFocus
            aria-invalid={touched && tooShort}
            aria-describedby="dc-reason-help"
            data-testid="dc-reason"
          />
          <span id="dc-reason-help" className={touched && tooShort ? 'error-text' : 'muted'} data-testid={touched && tooShort ? 'dc-reason-error' : undefined}>
            {touched && tooShort ? t('dc.reasonTooShort') : t('dc.reasonHelp')}
          </span>
        </label>
      )}
    </FormDialog>
  );
}

/** Whatever the action flow is asking the user now (mounted once, by the inventory view). */
export function VmActionDialogs() {
  const pending = useActionFlow((s) => s.pending);
  const cancel = useActionFlow((s) => s.cancel);
  // Settings → Confirmations: the flow asks before destructive power actions only while it is on.
  const confirmations = useConfirmationsEnabled();
  useEffect(() => useActionFlow.getState().setConfirmations(confirmations), [confirmations]);
  if (!pending) return null;
  if (pending.kind === 'confirm') return <ConfirmPowerDialog key={pending.keys.join()} pending={pending} />;
  if (pending.kind === 'dcCheckpoint') return <DcCheckpointDialog key={pending.keys.join()} pending={pending} />;
  return <DeleteDialog keys={pending.keys} onClose={cancel} />;
}

/** The outcome line of the last request: what was skipped and why, or the refusal. */
export function ActionNoticeBanner() {
  const { t } = useTranslation(['inventory', 'common']);
  const notice = useActionFlow((s) => s.notice);
  const dismiss = useActionFlow((s) => s.dismiss);
  if (!notice) return null;
  const text =
    notice.kind === 'error'
      ? notice.message
      : [
          notice.done > 0 ? t('notice.started', { action: t(`common:actions.${notice.action}`), count: notice.done }) : t('notice.nothing', { action: t(`common:actions.${notice.action}`) }),
          `${skippedText(t, notice.skipped)} (${notice.skipped.flatMap(([, names]) => names).join(', ')})`,
        ].join(' ');
  return (
    <div className={`banner ${notice.kind === 'error' ? 'banner--error' : 'banner--info'}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="action-notice">
      {text}
      <button type="button" className="link-button" onClick={dismiss}>
        {t('common:common.dismiss')}
      </button>
    </div>
  );
}
