import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { P2vJob } from '../../../../shared/features/p2v/p2v.contract';
import { formatBytes } from '../inventory';
import { useP2vStore } from './p2v.store';
import { userMessage } from '../../ui/user-message';

/**
 * Under a Disk2vhd finding that is not a pass: the path of a disk2vhd64.exe on the machine running Hyperdesk
 * (never downloaded) and "Copy to source", with the copy's progress and outcome. Main re-runs the preflight
 * after a copy, so the finding above updates by itself.
 */
export function P2vDisk2vhdCopy({ job }: { job: P2vJob }) {
  const { t, i18n } = useTranslation('p2v');
  const { copyDisk2vhd, cancel } = useP2vStore();
  const [path, setPath] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const copy = job.disk2vhdCopy;
  const copying = copy?.state === 'running';
  const submit = async () => {
    setSending(true);
    setRefusal(await copyDisk2vhd(path));
    setSending(false);
  };
  const bytes = (n: number) => formatBytes(n, i18n.language);
  return (
    <div className="p2v__d2v" data-testid="p2v-d2v">
      <label>
        {t('d2vCopy.path')}
        <input data-testid="p2v-d2v-path" value={path} placeholder={t('d2vCopy.placeholder')} spellCheck={false} onChange={(e) => setPath(e.target.value)} />
      </label>
      <button type="button" data-testid="p2v-d2v-copy" disabled={sending || copying || job.status === 'running' || !path.trim()} onClick={() => void submit()}>
        {t('d2vCopy.copy')}
      </button>
      {refusal && (
        <div className="finding--block" role="alert" data-testid="p2v-d2v-refused">
          {refusal}
        </div>
      )}
      {copy && (
        <div data-testid="p2v-d2v-state" data-state={copy.state}>
          {copying && (
            <>
              <progress max={copy.totalBytes} value={copy.copiedBytes} data-testid="p2v-d2v-progress" />{' '}
              {t('d2vCopy.running', { copied: bytes(copy.copiedBytes), total: bytes(copy.totalBytes) })}{' '}
              <button type="button" data-testid="p2v-d2v-cancel" onClick={() => void cancel()}>
                {t('cancel')}
              </button>
            </>
          )}
          {copy.state === 'done' && t('d2vCopy.done', { size: bytes(copy.totalBytes), path: copy.destination ?? '', seconds: ((copy.durationMs ?? 0) / 1000).toFixed(1), sha: copy.sha256.slice(0, 16) })}
          {copy.state === 'cancelled' && t('d2vCopy.cancelled')}
          {copy.state === 'failed' && (
            <span className="finding--block">{t('d2vCopy.failed', { message: copy.error ? userMessage(copy.error) : '' })}</span>
          )}
        </div>
      )}
    </div>
  );
}
