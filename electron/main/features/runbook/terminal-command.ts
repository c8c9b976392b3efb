import { formatPsArguments, quotePsString } from '../../platform/ledger/ps-command';

/**
 * The text "run in terminal" pastes for a ledger entry. A shell on this machine (local, or a lab host's
 * shell) can run the ledger's short form `& '<local path>' -Param 'value'`; a shell inside a remote host
 * (Enter-PSSession over SSH or WinRM) has no such file, so it gets the script's own text as a script block:
 *
 *   & {
 *   <script text>
 *   } -Param 'value'
 *
 * The script text is ours (the shipped library); the values are the ledger's redacted parameters, each a
 * quoted literal exactly as the short form writes them, so nothing a user typed is ever spliced as code.
 */
export type PasteForm = 'path' | 'inline';

/**
 * Pasted line by line, an interactive remote prompt submits each line and continues with `>>` while the
 * parse is incomplete (the braces keep it so until the last line); the final line waits for Enter. Two
 * things would break that: an empty line ends a `>>` continuation early, and a tab asks for completion.
 * Empty lines go (outside here-strings they mean nothing); a script with a tab or a here-string (whose
 * lines do matter) is sent as one line that decodes its UTF-8 text instead.
 */
export function inlineScriptCommand(scriptText: string, params: Record<string, unknown>): string {
  const text = scriptText.replace(/^\uFEFF/, '');
  const args = formatPsArguments(params);
  const tail = args ? ` ${args}` : '';
  if (/\t/.test(text) || /@['"][ \t]*\r?$/m.test(text)) {
    const b64 = Buffer.from(text, 'utf8').toString('base64');
    return `& ([scriptblock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String(${quotePsString(b64)}))))${tail}`;
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return ['& {', ...lines, `}${tail}`].join('\n');
}

export function terminalCommand(form: PasteForm, entry: { command: string; params: Record<string, unknown> }, scriptText: () => string): string {
  return form === 'path' ? entry.command : inlineScriptCommand(scriptText(), entry.params);
}
