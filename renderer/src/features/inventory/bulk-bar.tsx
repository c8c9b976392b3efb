import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rowKey } from '../../../../shared/features/inventory/vm-row.schema';
import { vmKey } from '../../../../shared/platform/vm-ref';
import { useInventoryStore } from '../../stores/inventory.store';
import { userMessage } from '../../ui/user-message';
import { VmActionButtons } from './vm-action-buttons';

/**
 * Actions on the selected VMs: one task with one result per VM (shown in the task panel). Each button follows
 * the selection's states: disabled when no selected VM can take it, its tooltip naming who is skipped and why.
 */
export function BulkBar() {
  const { t } = useTranslation(['inventory', 'common']);
  const selection = useInventoryStore((s) => s.selection);
  const rows = useInventoryStore((s) => s.rows);
  const setSelection = useInventoryStore((s) => s.setSelection);
  const setTags = useInventoryStore((s) => s.setTags);
  const prefs = useInventoryStore((s) => s.prefs);
  const targets = useInventoryStore((s) => s.targets);
  const [tag, setTag] = useState('');
  // A refusal (a limit main enforces) is shown next to the tag field, in the user's language.
  const [tagError, setTagError] = useState<string | null>(null);
  const changeTags = (add: string[], remove: string[]) =>
    setTags(keys, add, remove).then(
      () => {
        setTagError(null);
        if (add.length > 0) setTag('');
      },
      (err: unknown) => setTagError(userMessage(err)),
    );
  if (selection.size === 0) return null;
  const keys = [...selection];
  const selectedRows = rows.filter((r) => selection.has(rowKey(r)));
  const selectedTags = [...new Set(targets(keys).flatMap((v) => prefs.tags[vmKey(v.vmId)] ?? []))];
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('bulkLabel')} data-testid="bulk-bar">
      <strong>{t('selected', { count: selection.size })}</strong>
      <VmActionButtons rows={selectedRows} keys={keys} testIdPrefix="bulk" />
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const value = tag.trim();
          if (!value) return;
          void changeTags([value], []);
        }}
      >
        <input
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          placeholder={t('tagPlaceholder')}
          aria-label={t('addTag')}
          maxLength={40}
          aria-invalid={tagError !== null}
          aria-describedby={tagError !== null ? 'tag-error' : undefined}
          data-testid="tag-input"
        />
        <button type="submit" data-testid="tag-add">
          {t('addTag')}
        </button>
        {tagError !== null && (
          <span className="error-text" role="alert" id="tag-error" data-testid="tag-error">
            {tagError}
          </span>
        )}
      </form>
      {selectedTags.map((tg) => (
        <button key={tg} type="button" className="chip chip--removable" title={t('removeTag', { tag: tg })} onClick={() => void changeTags([], [tg])}>
          {tg} ×
        </button>
      ))}
      <button type="button" onClick={() => setSelection([])}>
        {t('clearSelection')}
      </button>
    </div>
  );
}
