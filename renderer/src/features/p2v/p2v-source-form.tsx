import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WinRmAuthentication } from '../../../../shared/features/hosts/hosts.contract';
import type { P2vSource } from '../../../../shared/features/p2v/p2v.contract';
import { useP2vStore } from './p2v.store';

type Authentication = (typeof WinRmAuthentication.options)[number];
const labScenarios = ['bios-mbr', 'uefi-gpt', 'bitlocker', 'no-space', 'no-disk2vhd'] as const;

/**
 * Step 1, the source: this machine, a lab source, or a physical machine reached over PowerShell remoting with
 * the same settings as a host. The password lives only in its input field and goes straight to p2v.create
 * (main keeps it in the SecretStore); it is never put in a store.
 */
export function P2vSourceForm() {
  const { t } = useTranslation(['p2v', 'hosts']);
  const { create, busy } = useP2vStore();
  const [source, setSource] = useState('lab:bios-mbr');
  const [transport, setTransport] = useState<'winrm' | 'ssh'>('winrm');
  const [address, setAddress] = useState('');
  const [port, setPort] = useState('');
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [keyFilePath, setKeyFilePath] = useState('');
  const [useSsl, setUseSsl] = useState(false);
  const [authentication, setAuthentication] = useState<Authentication>('Default');

  const pick = (): P2vSource => {
    if (source === 'local') return { kind: 'local' };
    if (source === 'remote') {
      return {
        kind: 'remote',
        transport,
        address: address.trim(),
        ...(port ? { port: Number(port) } : {}),
        ...(userName ? { userName } : {}),
        ...(transport === 'ssh' && keyFilePath ? { keyFilePath } : {}),
        ...(transport === 'winrm' ? { useSsl, authentication } : {}),
      };
    }
    return { kind: 'lab', scenario: source.slice(4) as (typeof labScenarios)[number] };
  };
  const submit = async () => {
    await create(pick(), source === 'remote' && transport === 'winrm' && password ? password : undefined);
    setPassword('');
  };

  return (
    <form
      className="p2v__new"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        {t('source')}
        <select data-testid="p2v-source" value={source} onChange={(e) => setSource(e.target.value)}>
          <option value="local">{t('sourceLocal')}</option>
          <option value="remote">{t('sourceRemote')}</option>
          {labScenarios.map((s) => (
            <option key={s} value={`lab:${s}`}>
              {t('sourceLab', { scenario: s })}
            </option>
          ))}
        </select>
      </label>
      {source === 'remote' && (
        <fieldset className="p2v__remote" data-testid="p2v-remote">
          <label>
            {t('hosts:transport')}
            <select data-testid="p2v-remote-transport" value={transport} onChange={(e) => setTransport(e.target.value as 'winrm' | 'ssh')}>
              <option value="winrm">WinRM</option>
              <option value="ssh">SSH</option>
            </select>
          </label>
          <label>
            {t('hosts:address')}
            <input data-testid="p2v-remote-address" value={address} onChange={(e) => setAddress(e.target.value)} required />
          </label>
          <label>
            {t('hosts:port')}
            <input data-testid="p2v-remote-port" value={port} inputMode="numeric" pattern="[0-9]*" onChange={(e) => setPort(e.target.value)} />
          </label>
          <label>
            {t('hosts:userName')}
            <input data-testid="p2v-remote-user" value={userName} onChange={(e) => setUserName(e.target.value)} autoComplete="username" />
          </label>
          {transport === 'winrm' && (
            <>
              <label>
                {t('hosts:password')}
                <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
              </label>
              <label>
                {t('hosts:authentication')}
                <select value={authentication} onChange={(e) => setAuthentication(e.target.value as Authentication)}>
                  {WinRmAuthentication.options.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <input type="checkbox" checked={useSsl} onChange={(e) => setUseSsl(e.target.checked)} />
                {t('hosts:useSsl')}
              </label>
            </>
          )}
          {transport === 'ssh' && (
            <label>
              {t('hosts:keyFile')}
              <input data-testid="p2v-remote-key" value={keyFilePath} onChange={(e) => setKeyFilePath(e.target.value)} />
            </label>
          )}
        </fieldset>
      )}
      <button type="submit" data-testid="p2v-new" disabled={busy || (source === 'remote' && !address.trim())}>
        {t('new')}
      </button>
    </form>
  );
}
