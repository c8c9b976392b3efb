import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostInput, HostTestResult } from '../../../../shared/features/hosts/hosts.contract';
import { api } from '../../api/client';
import { Dialog } from './dialog';

type Transport = 'winrm' | 'ssh' | 'local';

/** Add a host: transport, address, credentials, and "test connection" before saving. */
export function AddHostDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const [transport, setTransport] = useState<Transport>('winrm');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [port, setPort] = useState('');
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [keyFilePath, setKeyFilePath] = useState('');
  const [useSsl, setUseSsl] = useState(false);
  const [authentication, setAuthentication] = useState<'Default' | 'Kerberos' | 'Negotiate' | 'CredSSP'>('Default');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<HostTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const input = (): HostInput => ({
    name: name.trim() || address.trim() || t('hosts.localName'),
    transport,
    ...(transport !== 'local' ? { address: address.trim() } : {}),
    ...(port ? { port: Number(port) } : {}),
    ...(userName ? { userName } : {}),
    ...(transport === 'winrm' && password ? { password } : {}),
    ...(transport === 'ssh' && keyFilePath ? { keyFilePath } : {}),
    ...(transport === 'winrm' ? { useSsl, authentication } : {}),
  });
  const run = async (what: 'test' | 'add') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'test') setResult(await api.invoke('hosts.test', input()));
      else {
        await api.invoke('hosts.add', input());
        onClose();
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('hosts.addTitle')} onClose={onClose} testId="add-host-dialog">
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void run('add');
        }}
      >
        <label>
          {t('hosts.transport')}
          <select value={transport} onChange={(e) => setTransport(e.target.value as Transport)}>
            <option value="winrm">WinRM</option>
            <option value="ssh">SSH</option>
            <option value="local">{t('hosts.transportLocal')}</option>
          </select>
        </label>
        <label>
          {t('hosts.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </label>
        {transport !== 'local' && (
          <>
            <label>
              {t('hosts.address')}
              <input value={address} onChange={(e) => setAddress(e.target.value)} required maxLength={255} />
            </label>
            <label>
              {t('hosts.port')}
              <input type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} />
            </label>
            <label>
              {t('hosts.userName')}
              <input value={userName} onChange={(e) => setUserName(e.target.value)} autoComplete="username" />
            </label>
          </>
        )}
        {transport === 'winrm' && (
          <>
            <label>
              {t('hosts.password')}
              <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
            </label>
            <label>
              {t('hosts.authentication')}
              <select value={authentication} onChange={(e) => setAuthentication(e.target.value as typeof authentication)}>
                {(['Default', 'Kerberos', 'Negotiate', 'CredSSP'] as const).map((a) => (
                  <option key={a}>{a}</option>
                ))}
              </select>
            </label>
            <label className="form-grid__check">
              <input type="checkbox" checked={useSsl} onChange={(e) => setUseSsl(e.target.checked)} />
              {t('hosts.useSsl')}
            </label>
          </>
        )}
        {transport === 'ssh' && (
          <label>
            {t('hosts.keyFile')}
            <input value={keyFilePath} onChange={(e) => setKeyFilePath(e.target.value)} />
          </label>
        )}
        {result && (
          <p className={result.ok ? 'ok-text' : 'error-text'} role="status">
            {result.ok
              ? t('hosts.testOk', { name: result.info?.computerName ?? '', version: result.info?.psVersion ?? '' })
              : t('hosts.testFailed', { reason: result.reason ? t(`hostReason.${result.reason}`) : '', message: result.message ?? '' })}
          </p>
        )}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" onClick={() => void run('test')} disabled={busy}>
            {t('hosts.test')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('hosts.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
