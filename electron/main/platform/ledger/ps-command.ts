/**
 * THE quoting of PowerShell text the app shows or exports for pasting: the ledger's "View PowerShell", the
 * terminal's paste forms, runbook exports, the P2V plan's commands. Nothing else in the app builds such text
 * from values (test/security/pasteable-lint.test.ts enforces it; test/security/pasteable-canary.test.ts pastes
 * the hostile corpus into real pwsh and checks that nothing ran).
 *
 * Every value is a literal: strings in single quotes (PowerShell also treats the typographic quotes
 * U+2018..U+201B as single quotes, so they are doubled too), or, when they hold control characters or line
 * separators, in double quotes with every `$`, backtick and double quote (typographic ones included) escaped.
 */
const SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;
const DOUBLE_QUOTES = /^["\u201C\u201D\u201E]$/;
/** C0/C1 controls and the Unicode line and paragraph separators: kept off a single-quoted line so the text stays one line. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function quotePsString(value: string): string {
  if (!UNPRINTABLE.test(value)) return `'${value.replace(SINGLE_QUOTES, (q) => q + q)}'`;
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '`' || ch === '$' || DOUBLE_QUOTES.test(ch)) out += '`' + ch;
    else if (ch === '\n') out += '`n';
    else if (ch === '\r') out += '`r';
    else if (ch === '\t') out += '`t';
    else if (ch === '\0') out += '`0';
    else if (UNPRINTABLE.test(ch)) out += `$([char]${code})`; // `u{} is PS 6+; this works on 5.1
    else out += ch;
  }
  return out + '"';
}

/**
 * Text for a `#` line comment or a `<# #>` block comment: one line (controls and line separators become
 * spaces) and no `<#` or `#>`, so a host name like `x#>` + `using module ...` stays inside the comment.
 */
export function psComment(text: string): string {
  let out = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  while (/<#|#>/.test(out)) out = out.replace(/<#/g, '< #').replace(/#>/g, '# >');
  return out;
}

export function psLiteral(value: unknown): string {
  if (value === null || value === undefined) return '$null';
  if (typeof value === 'boolean') return value ? '$true' : '$false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : quotePsString(String(value));
  if (typeof value === 'string') return quotePsString(value);
  if (Array.isArray(value)) return `@(${value.map(psLiteral).join(', ')})`;
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${quotePsString(k)} = ${psLiteral(v)}`);
    return `@{${parts.join('; ')}}`;
  }
  return quotePsString(String(value));
}

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `-Name 'value' -Switch:$true ...`: the parameters of a call, every value a literal (a `true` boolean is written `-Name:$true`, valid for switches and bools). */
export function formatPsArguments(params: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    // Parameter names come from our code, but check anyway: a name is never quoted, so it must be a bare word.
    if (!PARAM_NAME.test(name)) throw new Error(`not a parameter name: ${name.slice(0, 40)}`);
    parts.push(typeof value === 'boolean' ? `-${name}:${psLiteral(value)}` : `-${name} ${psLiteral(value)}`);
  }
  return parts.join(' ');
}

/** `& '<script path>' -Name 'value' -Switch:$true`. */
export function formatPsCommand(scriptPath: string, params: Record<string, unknown>): string {
  const args = formatPsArguments(params);
  return args ? `& ${quotePsString(scriptPath)} ${args}` : `& ${quotePsString(scriptPath)}`;
}
