import { describe, expect, it } from 'vitest';
import { InventoryPrefsStore } from '../../../electron/main/features/inventory/inventory-prefs.document';
import { prefsLimits } from '../../../shared/features/inventory/inventory-prefs.schema';
import { vmKey } from '../../../shared/platform/vm-ref';
import { memDocumentFiles, recordingLog } from '../documents/mem-document-files';

const VM = '8e3c6a52-1111-4c3b-9a10-5a4e1c2b0001';
const view = (id: string) => ({ id, name: `View ${id}`, query: { search: '', hostIds: [], states: [], tags: [], sort: { key: 'name' as const, dir: 'asc' as const } } });

async function store() {
  const s = new InventoryPrefsStore('/d/inventory-prefs.json', memDocumentFiles({}), recordingLog());
  await s.load();
  return s;
}

describe('prefs limits refused by main come back as VALIDATION with the user-language message', () => {
  it('one tag over the per-VM limit: refused with inventory:limits.tagsPerVm and the limit, nothing changed', async () => {
    const s = await store();
    const full = Array.from({ length: prefsLimits.tagsPerVm }, (_, i) => `t${i}`);
    await s.setTags([VM], full, []);
    await expect(s.setTags([VM], ['one-more'], [])).rejects.toMatchObject({
      code: 'VALIDATION',
      extra: { user: { key: 'inventory:limits.tagsPerVm', values: { max: prefsLimits.tagsPerVm } } },
    });
    expect(s.get().tags[vmKey(VM)]).toHaveLength(prefsLimits.tagsPerVm);
  });

  it('one view over the saved-views limit: refused with inventory:limits.viewsMax; replacing an existing view still works', async () => {
    const s = await store();
    for (let i = 0; i < prefsLimits.viewsMax; i++) await s.saveView(view(`v${i}`));
    await expect(s.saveView(view('extra'))).rejects.toMatchObject({ code: 'VALIDATION', extra: { user: { key: 'inventory:limits.viewsMax', values: { max: prefsLimits.viewsMax } } } });
    expect(s.get().views).toHaveLength(prefsLimits.viewsMax);
    await expect(s.saveView({ ...view('v0'), name: 'Renamed' })).resolves.toBeTruthy();
  });
});
