import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Page } from '@playwright/test';

/**
 * Finds the English left in a zh-TW page: the ASCII words of every visible text and of the texts a user meets
 * without seeing them (tooltips, aria-labels, placeholders, option labels), minus the words that are not
 * language. Kept out (never translated, in any product): names (everything the lab scenario names: hosts, VMs,
 * switches, disks, checkpoints, notes, adapters), cmdlets (Verb-Noun), PowerShell and terminal output (code, pre,
 * kbd, the xterm), IPs, MACs, GUIDs, paths, numbers, and the units and technical terms below, which Windows'
 * own zh-TW UI (Hyper-V Manager, WAC) leaves in Latin letters too.
 */
export const technicalWords = new Set([
  // units
  'B', 'byte', 'KB', 'MB', 'GB', 'TB', 'KiB', 'MiB', 'GiB', 'TiB', 'MHz', 'GHz', 'ms', 'vCPU', 'vCPUs', 'Mbps', 'Gbps', 'fps',
  // products, protocols and formats, as Windows' zh-TW UI writes them
  'Hyper-V', 'Hyperdesk', 'PowerShell', 'Windows', 'Linux', 'Ubuntu', 'Server', 'WinRM', 'SSH', 'HTTP', 'HTTPS',
  'VHD', 'VHDX', 'ISO', 'DVD', 'IDE', 'SCSI', 'CPU', 'MAC', 'VLAN', 'IP', 'IPv4', 'IPv6', 'TPM', 'UEFI', 'BIOS',
  'MBR', 'GPT', 'KVP', 'USN', 'VM-GenerationID', 'DC', 'DNS', 'NIC', 'NTFS', 'Disk2vhd', 'known_hosts', 'P2V',
  'Secure', 'Boot', 'JSON', 'CSV', 'ID', 'OS', 'AD', 'Active', 'Directory', 'RDP', 'VSS', 'EFI', 'PNG',
  // programs, named as they are run
  'diskpart', 'sshd', 'ssh',
  // WinRM's authentication mechanisms (the -Authentication values; only "Default" is a word, and it is translated)
  'Kerberos', 'Negotiate', 'CredSSP',
  // Microsoft's zh-TW keeps "Runbook" (Azure Automation)
  'Runbook',
  // a language's own name in the language picker
  'English',
  // keys on the keyboard (shortcut help, hints)
  'Ctrl', 'Shift', 'Alt', 'Del', 'Enter', 'Esc', 'Escape', 'Delete', 'Tab', 'F10',
]);

/** Names Hyper-V itself gives (a new VM's adapter, its default folders): data, shown as the host reports them. */
const hyperVNames = ['Network Adapter', 'Virtual Hard Disks', 'Virtual Machines'];

const lab = join(resolve(__dirname, '..', '..', '..'), 'assets/lab');

/**
 * Every word the lab reports as data: the names in the host scenario (hosts, VMs, switches, disks, checkpoints,
 * notes, adapters), every string a P2V source reports (OS caption, volume labels, models) and the scenario names
 * themselves, the host's processor and OS captions (host-perf.ps1), and the names Hyper-V gives.
 */
export function scenarioWords(): Set<string> {
  const words = new Set<string>();
  const add = (s: string) => asciiWords(s).forEach((w) => words.add(w));
  const nameFields = new Set(['name', 'fqdn', 'description', 'notes', 'nic', 'switches']);
  const walk = (v: unknown, field: string, fields: Set<string> | null) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, field, fields));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k, fields);
    else if (typeof v === 'string' && field !== '$comment' && (!fields || fields.has(field))) add(v);
  };
  for (const dir of ['scenarios', 'p2v/scenarios']) {
    for (const f of readdirSync(join(lab, dir)).filter((n) => n.endsWith('.json'))) {
      add(basename(f, '.json'));
      walk(JSON.parse(readFileSync(join(lab, dir, f), 'utf8')), '', dir === 'scenarios' ? nameFields : null);
    }
  }
  const perf = readFileSync(join(lab, 'modules/Hyper-V/impl/host-perf.ps1'), 'utf8');
  for (const m of perf.matchAll(/(?:\bName|\$caption)\s*=\s*'([^']+)'/g)) add(m[1]!);
  return words;
}

/** Spans that are never words: GUIDs, IPv4/IPv6, MACs, Windows and POSIX paths, file names, URLs, numbers. */
const notWords = [
  new RegExp(`\\b(?:${hyperVNames.join('|')})\\b`, 'g'), // first (they sit inside paths), as whole names only: "Virtual" alone is a word
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  /\b(?:\d{1,3}\.){3}\d{1,3}(?:\/\d+)?\b/g,
  /\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\b/gi,
  /\b(?:[0-9A-F]{2}[-:]){5}[0-9A-F]{2}\b/gi,
  /\b[0-9A-F]{12}\b/g,
  /[A-Za-z]:\\[^\s'"]*/g,
  /\\\\[^\s'"]+/g,
  /(?:^|\s)(?:~|\.{1,2})?\/[^\s'"]*/g,
  /\b[\w.-]+\.(?:vhdx|vhd|iso|avhdx|ps1|json|log|exe)\b/gi,
  /\bhttps?:\/\/\S+/g,
  /\b[\w-]+(?:\.[\w-]+)+\.(?:local|com|net|org|lan)\b/gi,
  /\b[A-Z][a-z]+-[A-Z][A-Za-z]+\b/g, // cmdlets: Verb-Noun
  /\b[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*\b/g, // a shipped script's id: inventory/get-vm-details
  /(?<![\w-])-[a-z]\w*/g, // a command-line switch: -c, -accepteula
  /\b(?:Ctrl|Alt|Shift)(?:\+[A-Za-z0-9`]+)+/g, // a key combination: Ctrl+Shift+C
  /\b[A-Z]:(?=[\s：:，、)）]|$)/g, // a drive letter: C:
  /<[^>]+>\.[\w.-]+(?:<[^>]+>)?/g, // a file-name pattern: <file>.unreadable-<time>
  /「[^」]*」/g, // a name the user gave, quoted as zh-TW quotes names: 「e2e-D renamed」
];

export function asciiWords(text: string): string[] {
  let t = text;
  for (const re of notWords) t = t.replace(re, ' ');
  return [...t.matchAll(/[A-Za-z][A-Za-z0-9_]*(?:[-'][A-Za-z0-9_]+)*/g)].map((m) => m[0]);
}

/** Glued CamelCase is an identifier (ProductType, MicrosoftWindows, BitLocker), never a sentence's word. */
const identifier = /^[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+$/;

/** A word is language unless it names something, is a technical term or identifier, or carries a digit (FS1, CU13). */
export function isLanguage(word: string, names: Set<string>): boolean {
  return !(names.has(word) || technicalWords.has(word) || identifier.test(word) || /\d/.test(word));
}

/** The bits of the DOM the in-page callback uses (the e2e tsconfig has no DOM lib; it runs in the page). */
interface El {
  tagName: string;
  parentElement: El | null;
  closest(sel: string): El | null;
  getAttribute(name: string): string | null;
  checkVisibility(opts?: object): boolean;
  querySelectorAll(sel: string): ArrayLike<El>;
  textContent: string | null;
  value?: string;
}
declare const document: {
  body: El;
  createTreeWalker(root: El, show: number): { nextNode(): { textContent: string | null; parentElement: El | null } | null };
};

/** Texts a user can meet on the page now, each with where it is (a tag and test id), never PowerShell output. */
export async function pageTexts(page: Page): Promise<{ text: string; where: string }[]> {
  return page.evaluate(() => {
    const skip = 'code, pre, kbd, .xterm, canvas, [data-walk-skip]';
    const where = (e: El) => {
      const owner = e.closest('[data-testid]');
      return `${e.tagName.toLowerCase()}${owner ? ` in ${owner.getAttribute('data-testid')}` : ''}`;
    };
    const out: { text: string; where: string }[] = [];
    const walker = document.createTreeWalker(document.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').trim();
      if (!el || !text || el.closest(skip) || el.closest('script, style')) continue;
      // An option is not "visible" by checkVisibility, but its select is, and the user opens it.
      const shown = el.tagName === 'OPTION' ? (el.closest('select')?.checkVisibility() ?? false) : el.checkVisibility({ visibilityProperty: true });
      if (shown) out.push({ text, where: where(el) });
    }
    const attrs = document.body.querySelectorAll('[title], [aria-label], [placeholder], input[type=button], input[type=submit]');
    for (let i = 0; i < attrs.length; i++) {
      const el = attrs[i]!;
      if (el.closest(skip) || !el.checkVisibility({ visibilityProperty: true })) continue;
      for (const a of ['title', 'aria-label', 'placeholder']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push({ text: v, where: `${where(el)} @${a}` });
      }
    }
    return out;
  });
}
