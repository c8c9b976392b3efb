import { useTranslation } from 'react-i18next';
import type { HostKeyCheck } from '../../../../shared/features/hosts/hosts.contract';

/**
 * An SSH host's key the user must decide about. Unknown: its fingerprint (SHA256, as ssh-keygen -l prints it) and
 * "Trust this key". Changed: refused, both fingerprints, and only the deliberate "Forget the old key".
 */
export function HostKeyPanel({ hostKey, busy, onTrust, onForget }: { hostKey: HostKeyCheck; busy: boolean; onTrust(): void; onForget(): void }) {
  const { t } = useTranslation('hosts');
  const host = hostKey.port === 22 ? hostKey.address : `${hostKey.address}:${hostKey.port}`;
  const changed = hostKey.status === 'changed';
  return (
    <section className={`host-key${changed ? ' host-key--changed' : ''}`} role={changed ? 'alert' : 'status'} data-testid="host-key" data-status={hostKey.status}>
      <strong>{changed ? t('keyChangedTitle', { host }) : t('keyUnknownTitle', { host })}</strong>
      <p>{changed ? t('keyChangedBody') : t('keyUnknownBody')}</p>
      <dl className="host-key__prints">
        <dt>{changed ? t('keyNew') : t('keyFingerprint', { type: hostKey.keyType })}</dt>
        <dd>
          <code data-testid="host-key-fingerprint">{hostKey.fingerprint}</code>
        </dd>
        {changed &&
          hostKey.knownFingerprints.map((fp) => (
            <div key={fp} className="host-key__old">
              <dt>{t('keyOld')}</dt>
              <dd>
                <code data-testid="host-key-old">{fp}</code>
              </dd>
            </div>
          ))}
      </dl>
      {changed ? (
        <button type="button" className="danger" onClick={onForget} disabled={busy} data-testid="host-key-forget">
          {t('keyForget')}
        </button>
      ) : (
        <button type="button" className="primary" onClick={onTrust} disabled={busy} data-testid="host-key-trust">
          {t('keyTrust')}
        </button>
      )}
    </section>
  );
}
