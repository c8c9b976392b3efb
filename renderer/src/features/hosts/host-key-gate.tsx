import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostKeyCheck } from '../../../../shared/features/hosts/hosts.contract';
import { api } from '../../api/client';
import { userMessage } from '../../ui/user-message';
import { HostKeyPanel } from './host-key-panel';

/** Where an SSH server listens, as another feature knows it (P2V's remote source). */
export interface SshEndpoint {
  address: string;
  port?: number;
  /** A connection that names its own UserKnownHostsFile is checked by ssh against that file, not the app's. */
  sshOptions?: Record<string, unknown>;
}

const ownKnownHosts = (e: SshEndpoint) => Object.keys(e.sshOptions ?? {}).some((k) => k.toLowerCase() === 'userknownhostsfile');

/**
 * The hosts' host-key trust step for any SSH connection the app makes (the same channels and panel as the
 * add-host dialog): `ensure` runs the action at once when the app's known_hosts trusts the key (or nothing answers:
 * the connection then fails with its own cause), else it holds the action, shows the fingerprint with "Trust this
 * key" (a changed key only "Forget the old key"), and runs it once the user trusted the key.
 */
export function useHostKeyGate(): { ensure(endpoint: SshEndpoint, then: () => Promise<void>): Promise<void>; reset(): void; panel: ReactNode } {
  const { t } = useTranslation('hosts');
  const [pending, setPending] = useState<{ key: HostKeyCheck; then: () => Promise<void> } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const reset = useCallback(() => {
    setPending(null);
    setError(null);
    setNote(null);
  }, []);

  const ensure = useCallback(
    async (endpoint: SshEndpoint, then: () => Promise<void>) => {
      reset();
      if (ownKnownHosts(endpoint)) return then();
      let key: HostKeyCheck | null;
      try {
        key = (await api.invoke('hosts.hostKey', { address: endpoint.address, ...(endpoint.port ? { port: endpoint.port } : {}) })).key;
      } catch (err) {
        setError(userMessage(err));
        return;
      }
      if (!key || key.status === 'trusted') return then();
      setPending({ key, then });
    },
    [reset],
  );

  const trust = async () => {
    if (!pending) return;
    const { key, then } = pending;
    setBusy(true);
    setError(null);
    try {
      await api.invoke('hosts.trustHostKey', { address: key.address, port: key.port, fingerprint: key.fingerprint });
    } catch (err) {
      setError(userMessage(err));
      return;
    } finally {
      setBusy(false);
    }
    setPending(null);
    setNote(t('keyTrusted'));
    await then();
  };

  const forget = async () => {
    if (!pending) return;
    const { key, then } = pending;
    setBusy(true);
    setError(null);
    try {
      await api.invoke('hosts.forgetHostKey', { address: key.address, port: key.port });
      const again = (await api.invoke('hosts.hostKey', { address: key.address, port: key.port })).key;
      setPending(again && again.status !== 'trusted' ? { key: again, then } : null);
      setNote(t('keyForgotten'));
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const panel = (
    <>
      {pending && <HostKeyPanel hostKey={pending.key} busy={busy} onTrust={() => void trust()} onForget={() => void forget()} />}
      {note && !error && (
        <p className="ok-text" role="status" data-testid="host-key-note">
          {note}
        </p>
      )}
      {error && (
        <p className="error-text" role="alert" data-testid="host-key-error">
          {error}
        </p>
      )}
    </>
  );
  return { ensure, reset, panel };
}
