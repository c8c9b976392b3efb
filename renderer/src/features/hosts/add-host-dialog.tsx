import { useEffect, useMemo, useState } from 'react';
import { FormProvider, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { HostInput, HostKeyCheck, HostPatch, HostTestResult, HostView } from '../../../../shared/features/hosts/hosts.contract';
import { api } from '../../api/client';
import { Dialog, DialogActions } from '../../ui/dialog';
import { userMessage } from '../../ui/user-message';
import { ConnectionFields } from '../../ui/connection-fields';
import { connectionDefaults, connectionFields, connectionShape, requireAddress, type ConnectionTransport } from '../../ui/connection-schema';
import { useZodForm } from '../../ui/form';
import { HostKeyPanel } from './host-key-panel';
import { HostProblem } from './host-problem';
import './hosts.css';

const hostTransports: readonly ConnectionTransport[] = ['winrm', 'ssh', 'local'];

/** The host form: a display name and the shared connection fields; a lab host has only its name to change. */
const hostForm = (lab: boolean) =>
  z.object({ name: z.string().max(200), ...connectionShape }).superRefine((v, ctx) => {
    if (!lab) requireAddress(v, ctx);
  });
type HostFormValues = z.input<ReturnType<typeof hostForm>>;
type Action = 'test' | 'save';

const startFrom = (host: HostView | undefined): HostFormValues => ({
  ...connectionDefaults(),
  ...(host && host.transport !== 'lab' ? { transport: host.transport } : {}),
  name: host?.name ?? '',
  address: host?.address ?? '',
  port: host?.port ? String(host.port) : '',
  userName: host?.userName ?? '',
  keyFilePath: host?.keyFilePath ?? '',
  useSsl: host?.useSsl ?? false,
  authentication: host?.authentication ?? 'Default',
});

/**
 * Add a host, or edit one (`host` given: the fields start from it). Transport, address, credentials, and "test
 * connection" before saving. On edit an empty password keeps the stored one (the stored one never reaches the
 * renderer). An SSH host's key is shown before the first sign-in and trusted only when the user says so; a
 * changed key is refused until the old one is forgotten.
 */
export function AddHostDialog({ onClose, host }: { onClose(): void; host?: HostView }) {
  const { t } = useTranslation(['hosts', 'common']);
  // A lab host is the app's own simulation: only its display name is the user's to change.
  const lab = host?.transport === 'lab';
  const schema = useMemo(() => hostForm(lab), [lab]);
  const form = useZodForm(schema, startFrom(host));
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<HostTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hostKey, setHostKey] = useState<{ key: HostKeyCheck; then: Action } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const transport = useWatch({ control: form.control, name: 'transport' });

  // What was said about one transport means nothing for another.
  useEffect(() => {
    setResult(null);
    setError(null);
    setHostKey(null);
    setNote(null);
  }, [transport]);

  const input = (v: HostFormValues): HostInput => ({
    name: v.name.trim() || v.address.trim() || t('localName'),
    transport: v.transport,
    ...connectionFields(v),
    ...(v.transport === 'winrm' && v.password ? { password: v.password } : {}),
  });
  const clearedFields: HostPatch = { address: null, port: null, userName: null, keyFilePath: null, useSsl: null, authentication: null };
  const save = async (v: HostFormValues) => {
    if (!host) await api.invoke('hosts.add', input(v));
    else if (lab) await api.invoke('hosts.update', { id: host.id, patch: { name: v.name.trim() || host.name } });
    // No password in the patch = keep the stored one; a field left empty (or not used by the transport) is cleared.
    else await api.invoke('hosts.update', { id: host.id, patch: { ...clearedFields, ...(v.transport !== 'winrm' && host.hasCredential ? { password: null } : {}), ...input(v) } });
  };
  /** An SSH host whose key is not trusted yet (or changed) stops here until the user decides. */
  const keyToConfirm = async (v: HostFormValues, then: Action): Promise<boolean> => {
    if (lab || v.transport !== 'ssh') return false;
    const fields = connectionFields(v);
    const { key } = await api.invoke('hosts.hostKey', { address: fields.address ?? '', ...(fields.port ? { port: fields.port } : {}) });
    if (!key || key.status === 'trusted') return false;
    setHostKey({ key, then });
    return true;
  };
  const perform = async (what: Action, v: HostFormValues) => {
    setBusy(true);
    setError(null);
    setResult(null);
    setHostKey(null);
    try {
      if (await keyToConfirm(v, what)) return;
      if (what === 'test') {
        const r = await api.invoke('hosts.test', input(v));
        if (r.hostKey) setHostKey({ key: r.hostKey, then: 'test' });
        else setResult(r);
      } else {
        await save(v);
        onClose();
      }
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const run = (what: Action) => form.handleSubmit((v) => perform(what, v));

  const trust = async () => {
    if (!hostKey) return;
    const { key, then } = hostKey;
    setBusy(true);
    setError(null);
    try {
      await api.invoke('hosts.trustHostKey', { address: key.address, port: key.port, fingerprint: key.fingerprint });
      setNote(t('keyTrusted'));
    } catch (err) {
      setError(userMessage(err));
      setBusy(false);
      return;
    }
    setBusy(false);
    await run(then)();
  };
  const forget = async () => {
    if (!hostKey) return;
    const { key, then } = hostKey;
    setBusy(true);
    setError(null);
    try {
      await api.invoke('hosts.forgetHostKey', { address: key.address, port: key.port });
      const again = await api.invoke('hosts.hostKey', { address: key.address, port: key.port });
      setHostKey(again.key && again.key.status !== 'trusted' ? { key: again.key, then } : null);
      setNote(t('keyForgotten'));
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={host ? t('editTitle', { name: host.name }) : t('addTitle')} onClose={onClose} testId="add-host-dialog">
      <FormProvider {...form}>
        <form className="form-grid host-dialog" noValidate onSubmit={(e) => void run('save')(e)}>
          <label>
            {t('name')}
            <input {...form.register('name')} maxLength={200} data-testid="host-name" />
          </label>
          {!lab && <ConnectionFields transports={hostTransports} testIdPrefix="host" passwordPlaceholder={host?.hasCredential ? t('passwordKeep') : undefined} />}
          {hostKey && <HostKeyPanel hostKey={hostKey.key} busy={busy} onTrust={() => void trust()} onForget={() => void forget()} />}
          {note && !error && (
            <p className="ok-text" role="status" data-testid="host-note">
              {note}
            </p>
          )}
          {result &&
            (result.ok ? (
              <p className="ok-text" role="status" data-testid="host-test-result">
                {t('testOk', { name: result.info?.computerName ?? '', version: result.info?.psVersion ?? '' })}
              </p>
            ) : (
              <HostProblem reason={result.reason} message={result.message} detail={result.detail} testId="host-test-result" alert />
            ))}
          {error && (
            <p className="error-text" role="alert" data-testid="host-error">
              {error}
            </p>
          )}
          <DialogActions onCancel={onClose}>
            {!lab && (
              <button type="button" onClick={() => void run('test')()} disabled={busy} data-testid="host-test">
                {t('test')}
              </button>
            )}
            <button type="submit" className="primary" disabled={busy} data-testid="host-save">
              {host ? t('saveChanges') : t('save')}
            </button>
          </DialogActions>
        </form>
      </FormProvider>
    </Dialog>
  );
}
