import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/axe-violations';
import { asciiWords, isLanguage, pageTexts, scenarioWords } from './support/ascii-words';
import { walkEveryView, walkVmName } from './support/view-walk';

test.use({ locale: 'zh-TW' });
test.setTimeout(400_000);

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

// One zh-TW walk, two checks at every stop: no English word, and no serious or critical axe violation (the
// en-US axe walk is a11y.spec.ts). Walking every view once instead of twice saves about a minute of CI.
test('every view and dialog in zh-TW shows no English word that is not a name, cmdlet or unit, and has no serious or critical axe violation', async ({ page }) => {
  const names = scenarioWords();
  names.add(walkVmName);
  names.add('P2V-WALK');
  const found = new Map<string, Set<string>>();
  const violations: string[] = [];
  let stops = 0;
  const shell = await walkEveryView(page, async (view) => {
    stops++;
    for (const { text, where } of await pageTexts(page)) {
      const english = asciiWords(text).filter((w) => isLanguage(w, names));
      if (english.length) {
        const key = `${view} / ${where}: "${text.slice(0, 120)}"`;
        found.set(key, new Set(english));
      }
    }
    violations.push(...(await seriousViolations(page, view)));
  });
  expect([...found].map(([k, w]) => `${k} -> ${[...w].join(' ')}`)).toEqual([]);
  expect(stops).toBeGreaterThan(20);
  expect(violations).toEqual([]);
  expect(shell.problems).toEqual([]);
});
