import { useEffect } from 'react';
import { FormProvider, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { P2vSource } from '../../../../shared/features/p2v/p2v.contract';
import { ConnectionFields } from '../../ui/connection-fields';
import { connectionDefaults, connectionFields, connectionShape, requireAddress, type ConnectionTransport } from '../../ui/connection-schema';
import { useZodForm } from '../../ui/form';
import { useHostKeyGate } from '../hosts';
import { useP2vStore } from './p2v.store';

const labScenarios = ['bios-mbr', 'uefi-gpt', 'bitlocker', 'no-space', 'no-disk2vhd'] as const;
const remoteTransports: readonly ConnectionTransport[] = ['winrm', 'ssh'];

/** The source form: which source, and for a remote one the shared connection fields (address required). */
const sourceForm = z.object({ source: z.string(), ...connectionShape }).superRefine((v, ctx) => {
  if (v.source === 'remote') requireAddress(v, ctx);
});
type SourceFormValues = z.input<typeof sourceForm>;

function pick(v: SourceFormValues): P2vSource {
  if (v.source === 'local') return { kind: 'local' };
  if (v.source === 'remote') {
    const transport = v.transport === 'ssh' ? 'ssh' : 'winrm';
    return { kind: 'remote', transport, address: v.address.trim(), ...connectionFields({ ...v, transport }) };
  }
  return { kind: 'lab', scenario: v.source.slice(4) as (typeof labScenarios)[number] };
}

/**
 * Step 1, the source: this machine, a lab source, or a physical machine reached over PowerShell remoting with
 * the same settings as a host. The password lives only in the form's field and goes straight to p2v.create
 * (main keeps it in the SecretStore); it is never put in a store, and the field is emptied once sent. An SSH
 * source is checked against the app's known_hosts first: an unknown key shows its fingerprint to trust (the hosts'
 * own step), and the job is made once it is trusted.
 */
export function P2vSourceForm() {
  const { t } = useTranslation('p2v');
  const { create, busy } = useP2vStore();
  const form = useZodForm(sourceForm, { ...connectionDefaults(), source: 'lab:bios-mbr' });
  const [source, address, transport, port] = useWatch({ control: form.control, name: ['source', 'address', 'transport', 'port'] });
  const keyGate = useHostKeyGate();
  const { reset: resetKey } = keyGate;
  // A key shown for one address means nothing for another.
  useEffect(() => resetKey(), [source, address, transport, port, resetKey]);
  const submit = form.handleSubmit(async (v) => {
    const picked = pick(v);
    const make = async () => {
      await create(picked, v.source === 'remote' && v.transport === 'winrm' && v.password ? v.password : undefined);
      form.setValue('password', '');
    };
    if (picked.kind === 'remote' && picked.transport === 'ssh') await keyGate.ensure(picked, make);
    else await make();
  });

  return (
    <FormProvider {...form}>
      <form className="p2v__new" onSubmit={(e) => void submit(e)}>
        <label>
          {t('source')}
          <select data-testid="p2v-source" {...form.register('source')}>
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
            <ConnectionFields transports={remoteTransports} testIdPrefix="p2v-remote" />
          </fieldset>
        )}
        {source === 'remote' && transport === 'ssh' && keyGate.panel}
        <button type="submit" data-testid="p2v-new" disabled={busy || (source === 'remote' && !address.trim())}>
          {t('new')}
        </button>
      </form>
    </FormProvider>
  );
}
