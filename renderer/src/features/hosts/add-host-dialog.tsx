import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WinRmAuthentication, type HostInput, type HostPatch, type HostTestResult, type HostView } from '../../../../shared/features/hosts/hosts.contract';
import { api } from '../../api/client';
import { Dialog, DialogActions } from '../../ui/dialog';
import { errorMessage } from '../../api/api-error';

type Authentication = (typeof WinRmAuthentication.options)[number];
type Transport = 'winrm' | 'ssh' | 'local';

/**
 * Add a host, or edit one (`host` given: the fields start from it). Transport, address, credentials, and "test
 * connection" before saving. SSH stays key-only: New-PSSession -HostName takes no credential, so a password
 * would never be used. On edit an empty password keeps the stored one (the stored one never reaches the renderer).
 */
export function AddHostDialog({ onClose, host }: { onClose(): void; host?: HostView }) {
  const { t } = useTranslation(['hosts', 'common']);
  // A lab host is the app's own simulation: only its display name is the user's to change.
  const lab = host?.transport === 'lab';
  const [transport, setTransport] = useState<Transport>(host && host.transport !== 'lab' ? host.transport : 'winrm');
  const [name, setName] = useState(host?.name ?? '');
  const [address, setAddress] = useState(host?.address ?? '');
  const [port, setPort] = useState(host?.port ? String(host.port) : '');
  const [userName, setUserName] = useState(host?.userName ?? '');
  const [password, setPassword] = useState('');
  const [keyFilePath, setKeyFilePath] = useState(host?.keyFilePath ?? '');
  const [useSsl, setUseSsl] = useState(host?.useSsl ?? false);
  const [authentication, setAuthentication] = useState<Authentication>(host?.authentication ?? 'Default');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<HostTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const input = (): HostInput => ({
    name: name.trim() || address.trim() || t('localName'),
    transport,
    ...(transport !== 'local' ? { address: address.trim() } : {}),
    ...(port ? { port: Number(port) } : {}),
    ...(userName ? { userName } : {}),
    ...(transport === 'winrm' && password ? { password } : {}),
    ...(transport === 'ssh' && keyFilePath ? { keyFilePath } : {}),
    ...(transport === 'winrm' ? { useSsl, authentication } : {}),
  });
  const clearedFields: HostPatch = { address: null, port: null, userName: null, keyFilePath: null, useSsl: null, authentication: null };
  const save = async () => {
    if (!host) await api.invoke('hosts.add', input());
    else if (lab) await api.invoke('hosts.update', { id: host.id, patch: { name: name.trim() || host.name } });
    // No password in the patch = keep the stored one; a field left empty (or not used by the transport) is cleared.
    else await api.invoke('hosts.update', { id: host.id, patch: { ...clearedFields, ...(transport !== 'winrm' && host.hasCredential ? { password: null } : {}), ...input() } });
  };
  const run = async (what: 'test' | 'save') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'test') setResult(await api.invoke('hosts.test', input()));
      else {
        await save();
        onClose();
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={host ? t('editTitle', { name: host.name }) : t('addTitle')} onClose={onClose} testId="add-host-dialog">
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void run('save');
        }}
      >
        {!lab && (
          <label>
            {t('transport')}
            <select value={transport} onChange={(e) => setTransport(e.target.value as Transport)} data-testid="host-transport">
              <option value="winrm">WinRM</option>
              <option value="ssh">SSH</option>
              <option value="local">{t('transportLocal')}</option>
            </select>
          </label>
        )}
        <label>
          {t('name')}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} data-testid="host-name" />
        </label>
        {!lab && transport !== 'local' && (
          <>
            <label>
              {t('address')}
              <input value={address} onChange={(e) => setAddress(e.target.value)} required maxLength={255} data-testid="host-address" />
            </label>
            <label>
              {t('port')}
              <input type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} data-testid="host-port" />
            </label>
            <label>
              {t('userName')}
              <input value={userName} onChange={(e) => setUserName(e.target.value)} autoComplete="username" data-testid="host-user" />
            </label>
          </>
        )}
        {!lab && transport === 'winrm' && (
          <>
            <label>
              {t('password')}
              <input
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete="current-password"
                placeholder={host?.hasCredential ? t('passwordKeep') : undefined}
                data-testid="host-password"
              />
            </label>
            <label>
              {t('authentication')}
              <select value={authentication} onChange={(e) => setAuthentication(e.target.value as Authentication)}>
                {WinRmAuthentication.options.map((a) => (
                  <option key={a}>{a}</option>
                ))}
              </select>
            </label>
            <label className="form-grid__check">
              <input type="checkbox" checked={useSsl} onChange={(e) => setUseSsl(e.target.checked)} />
              {t('useSsl')}
            </label>
          </>
        )}
        {!lab && transport === 'ssh' && (
          <label>
            {t('keyFile')}
            <input value={keyFilePath} onChange={(e) => setKeyFilePath(e.target.value)} data-testid="host-key-file" />
          </label>
        )}
        {result && (
          <p className={result.ok ? 'ok-text' : 'error-text'} role="status">
            {result.ok
              ? t('testOk', { name: result.info?.computerName ?? '', version: result.info?.psVersion ?? '' })
              : t('testFailed', { reason: result.reason ? t(`common:hostReason.${result.reason}`) : '', message: result.message ?? '' })}
          </p>
        )}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <DialogActions onCancel={onClose}>
          {!lab && (
            <button type="button" onClick={() => void run('test')} disabled={busy}>
              {t('test')}
            </button>
          )}
          <button type="submit" className="primary" disabled={busy} data-testid="host-save">
            {host ? t('saveChanges') : t('save')}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
