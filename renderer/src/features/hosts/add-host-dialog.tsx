import { useMemo, useState } from 'react';
import { FormProvider } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { HostInput, HostPatch, HostTestResult, HostView } from '../../../../shared/features/hosts/hosts.contract';
import { api } from '../../api/client';
import { Dialog, DialogActions } from '../../ui/dialog';
import { errorMessage } from '../../api/api-error';
import { ConnectionFields } from '../../ui/connection-fields';
import { connectionDefaults, connectionFields, connectionShape, requireAddress, type ConnectionTransport } from '../../ui/connection-schema';
import { useZodForm } from '../../ui/form';

const hostTransports: readonly ConnectionTransport[] = ['winrm', 'ssh', 'local'];

/** The host form: a display name and the shared connection fields; a lab host has only its name to change. */
const hostForm = (lab: boolean) =>
  z.object({ name: z.string().max(200), ...connectionShape }).superRefine((v, ctx) => {
    if (!lab) requireAddress(v, ctx);
  });
type HostFormValues = z.input<ReturnType<typeof hostForm>>;

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
 * renderer).
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
  const run = (what: 'test' | 'save') =>
    form.handleSubmit(async (v) => {
      setBusy(true);
      setError(null);
      try {
        if (what === 'test') setResult(await api.invoke('hosts.test', input(v)));
        else {
          await save(v);
          onClose();
        }
      } catch (err) {
        setError(errorMessage(err));
      } finally {
        setBusy(false);
      }
    });

  return (
    <Dialog title={host ? t('editTitle', { name: host.name }) : t('addTitle')} onClose={onClose} testId="add-host-dialog">
      <FormProvider {...form}>
        <form className="form-grid" onSubmit={(e) => void run('save')(e)}>
          <label>
            {t('name')}
            <input {...form.register('name')} maxLength={200} data-testid="host-name" />
          </label>
          {!lab && <ConnectionFields transports={hostTransports} testIdPrefix="host" passwordPlaceholder={host?.hasCredential ? t('passwordKeep') : undefined} />}
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
