import { expect, test } from '@playwright/test';
import { asciiWords, isLanguage, pageTexts, scenarioWords } from './support/ascii-words';
import { walkEveryView, walkVmName } from './support/view-walk';

test.use({ locale: 'zh-TW' });
test.setTimeout(300_000);

test('the check itself: English words are caught, names, cmdlets, units and addresses are not', () => {
  const names = scenarioWords();
  expect(names.has('DC1') && names.has('HV-LAB01')).toBe(true);
  const english = (s: string) => asciiWords(s).filter((w) => isLanguage(w, names));
  expect(english('已停止 Default 殼層 Shell')).toEqual(['Default', 'Shell']);
  expect(english('Running')).toEqual(['Running']);
  expect(english("Start-VM -Name 'DC1' 於 HV-LAB01，10.0.0.10，C:\\VMs\\DC1.vhdx，4 GB，2 vCPU")).toEqual(['Name']);
  expect(english('00155D000101 8d3b2c1e-1111-2222-3333-444455556666 fe80::10')).toEqual([]);
  expect(english('Ctrl+Shift+C 複製，inventory/get-vm-details，磁碟區 C:，-accepteula，Network Adapter')).toEqual([]);
  expect(english('Virtual machine（lab）')).toEqual(['Virtual', 'machine', 'lab']);
  // A name the user typed is quoted 「…」 and left alone; the words around it are not.
  expect(english('將檢查點重新命名為「e2e-D renamed」（FS1） renamed')).toEqual(['renamed']);
});

test('every view and dialog in zh-TW shows no English word that is not a name, cmdlet or unit', async ({ page }) => {
  const names = scenarioWords();
  names.add(walkVmName);
  names.add('P2V-WALK');
  const found = new Map<string, Set<string>>();
  const shell = await walkEveryView(page, async (view) => {
    for (const { text, where } of await pageTexts(page)) {
      const english = asciiWords(text).filter((w) => isLanguage(w, names));
      if (english.length) {
        const key = `${view} / ${where}: "${text.slice(0, 120)}"`;
        found.set(key, new Set(english));
      }
    }
  });
  expect([...found].map(([k, w]) => `${k} -> ${[...w].join(' ')}`)).toEqual([]);
  expect(shell.problems).toEqual([]);
});
