import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { WinRmAuthentication } from '../../../shared/features/hosts/hosts.contract';
import { FieldError } from './field-error';
import type { ConnectionTransport, ConnectionValues } from './connection-schema';

interface Props {
  /** Which transports to offer, in order ('local' = this computer, no address). */
  transports: readonly ConnectionTransport[];
  /** Test ids are `<prefix>-transport`, `-address`, `-port`, `-user`, `-password`, `-key-file`. */
  testIdPrefix: string;
  /** E.g. "leave empty to keep the saved password" when editing. */
  passwordPlaceholder?: string;
}

/**
 * The SSH/WinRM connection form, shared by the add-host dialog and the P2V source. Rendered inside a
 * <FormProvider> of a useZodForm whose schema spreads connectionShape.
 */
export function ConnectionFields({ transports, testIdPrefix: p, passwordPlaceholder }: Props) {
  const { t } = useTranslation(['common', 'hosts']);
  const { register, control, formState } = useFormContext<ConnectionValues>();
  const transport = useWatch({ control, name: 'transport' });
  const { errors } = formState;
  return (
    <>
      <label>
        {t('hosts:transport')}
        <select {...register('transport')} data-testid={`${p}-transport`}>
          {transports.map((tr) => (
            <option key={tr} value={tr}>
              {tr === 'winrm' ? 'WinRM' : tr === 'ssh' ? 'SSH' : t('hosts:transportLocal')}
            </option>
          ))}
        </select>
      </label>
      {transport !== 'local' && (
        <>
          <label>
            {t('hosts:address')}
            <input {...register('address')} required maxLength={255} aria-invalid={errors.address ? true : undefined} data-testid={`${p}-address`} />
            <FieldError message={errors.address?.message} testId={`${p}-address-error`} />
          </label>
          <label>
            {t('hosts:port')}
            <input {...register('port')} type="number" min={1} max={65535} aria-invalid={errors.port ? true : undefined} data-testid={`${p}-port`} />
            <FieldError message={errors.port?.message} testId={`${p}-port-error`} />
          </label>
          <label>
            {t('hosts:userName')}
            <input {...register('userName')} autoComplete="username" data-testid={`${p}-user`} />
          </label>
        </>
      )}
      {transport === 'winrm' && (
        <>
          <label>
            {t('hosts:password')}
            <input {...register('password')} type="password" autoComplete="current-password" placeholder={passwordPlaceholder} data-testid={`${p}-password`} />
          </label>
          <label>
            {t('hosts:authentication')}
            <select {...register('authentication')} data-testid={`${p}-authentication`}>
              {WinRmAuthentication.options.map((a) => (
                <option key={a} value={a}>
                  {t(`authMechanism.${a}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="form-grid__check">
            <input type="checkbox" {...register('useSsl')} data-testid={`${p}-ssl`} />
            {t('hosts:useSsl')}
          </label>
        </>
      )}
      {transport === 'ssh' && (
        <label>
          {t('hosts:keyFile')}
          <input {...register('keyFilePath')} data-testid={`${p}-key-file`} />
        </label>
      )}
    </>
  );
}
