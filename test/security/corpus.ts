/**
 * The hostile-string corpus: text a user, a source machine or an edited state file could put where the app
 * expects a name, a path or a label. Each payload carries a canary command (see canary.ts) placed where it
 * would run if the text were spliced into PowerShell unquoted, half-quoted or into a comment, so "it ran" is
 * observable. Operations of the security suite take every payload; a new capability adds its operations,
 * not its own corpus.
 */
export interface Payload {
  /** Short, file-name safe: the canary it fires is named after it. */
  id: string;
  value: string;
}

/** `fire(id)` is the PowerShell that marks payload `id` as executed; `usingModule(id)` a module path whose import does. */
export interface CanaryCommands {
  fire(id: string): string;
  usingModule(id: string): string;
}

type Make = (c: string, id: string) => string;

const templates: Array<[string, Make]> = [
  // Quotes of every kind PowerShell honours: ASCII and the typographic ones it treats as quotes.
  ['sq', (c) => `x'; ${c}; '`],
  ['sq-plus', (c) => `'+(${c})+'`],
  ['lsq', (c) => `x\u2018; ${c}; \u2018`],
  ['rsq', (c) => `x\u2019; ${c}; \u2019`],
  ['lowsq', (c) => `x\u201A; ${c}; \u201A`],
  ['revsq', (c) => `x\u201B; ${c}; \u201B`],
  ['dq', (c) => `x"; ${c}; "`],
  ['ldq', (c) => `x\u201C; ${c}; \u201C`],
  ['rdq', (c) => `x\u201D; ${c}; \u201D`],
  ['lowdq', (c) => `x\u201E; ${c}; \u201E`],
  ['mixed-q', (c) => `x'"\u2019\u201D; ${c}; #`],
  // Expansion and sub-expressions.
  ['subexpr', (c) => `$(${c})`],
  ['subexpr-dq', (c) => `"$(${c})"`],
  ['braced-var', (c) => `\${env:PATH}$(${c})`],
  ['array-subexpr', (c) => `@(${c})`],
  ['scriptblock', (c) => `& { ${c} }`],
  ['var', () => `$env:USERNAME $PSHOME $null`],
  // Statement separators and operators.
  ['semicolon', (c) => `x; ${c}`],
  ['pipe', (c) => `x | ${c}`],
  ['amp', (c) => `x & ${c}`],
  ['and', (c) => `x && ${c}`],
  ['or', (c) => `x || ${c}`],
  ['redirect', (c) => `x > $(${c})`],
  // Backticks (PowerShell's escape character).
  ['backtick-dollar', (c) => `\`$(${c})`],
  ['backtick-quote', (c) => `x\`'; ${c}; '`],
  ['backtick-end', (c) => `x\`\n${c}`],
  // Line breaks of every kind, NUL and other controls.
  ['lf', (c) => `x\n${c}`],
  ['crlf', (c) => `x\r\n${c}`],
  ['cr', (c) => `x\r${c}`],
  ['u2028', (c) => `x\u2028${c}`],
  ['u2029', (c) => `x\u2029${c}`],
  ['nel', (c) => `x\u0085${c}`],
  ['nul', (c) => `x\u0000'; ${c}; '`],
  ['controls', (c) => `x\u0001\u0007\u001b[31m\t\u007f'; ${c}; '`],
  ['lf-quote', (c) => `x'\n${c}\n'`],
  ['here-string', (c) => `'@\n${c}\n@'`],
  // Comments: a block comment closed early, then code (and the `using module` a runbook header once let through).
  ['close-comment', (c) => `x #> ${c} <#`],
  ['close-comment-lf', (c) => `x#>\n${c}\n<#`],
  ['open-comment', (c) => `<# x #> ${c}`],
  ['using-module', (_c, id) => `x#>\nusing module $USING_MODULE(${id})\n<#`],
  ['line-comment-lf', (c) => `# x\n${c}`],
  // Wildcards, path traversal and leading dashes (bound as values, never as patterns or parameters).
  ['wildcards', () => `LEGACY-AP[P]*?`],
  ['cjk-wildcard', () => `測試伺服[器]`],
  ['traversal-win', () => `..\\..\\Windows\\System32\\config`],
  ['traversal-posix', () => `../../../etc/passwd`],
  ['dash', () => `-Force`],
  ['dash-colon', (c) => `-Name:x; ${c}`],
  ['stop-parsing', (c) => `--% & ${c}`],
  // Length and non-ASCII.
  ['long', (c) => `${'A'.repeat(20_000)}'; ${c}; '`],
  ['non-ascii', (c) => `Überprüfung-數據庫-🖥️\u202Egnp.exe'; ${c}; '`],
  ['fullwidth', (c) => `x\uFF07; ${c}; \uFF07`],
];

/** The corpus with each payload's canary in place. */
export function hostileCorpus(canary: CanaryCommands): Payload[] {
  return templates.map(([id, make]) => ({ id, value: make(canary.fire(id), id).replace(/\$USING_MODULE\(([^)]+)\)/, (_m, p: string) => canary.usingModule(p)) }));
}

export const corpusSize = templates.length;
