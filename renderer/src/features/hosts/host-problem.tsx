import { useTranslation } from 'react-i18next';
import type { HostReason } from '../../../../shared/features/hosts/hosts.contract';

/**
 * Why a host is not connected, once: the reason in the user's language, what to do about it, and the ssh
 * client's own line (the host's words, untranslated) when there is one. Main's English sentence is shown only
 * when there is no known reason (it is then PowerShell's own text).
 */
export function HostProblem({ reason, message, detail, testId, alert }: { reason?: HostReason; message?: string; detail?: string; testId?: string; /** Announce it (a dialog's answer; not a list entry). */ alert?: boolean }) {
  const { t } = useTranslation(['hosts', 'common']);
  return (
    <span className="host-problem" role={alert ? 'alert' : undefined} data-testid={testId} data-reason={reason ?? ''}>
      {reason && <strong className="host-problem__reason">{t(`common:hostReason.${reason}`)}</strong>}
      {reason && <span>{t(`hosts:cause.${reason}`)}</span>}
      {(detail || (message && (!reason || reason === 'powershell-failed' || reason === 'config-refused'))) && (
        <code className="host-problem__detail" data-testid={testId ? `${testId}-detail` : undefined}>
          {detail ?? message}
        </code>
      )}
    </span>
  );
}
