/**
 * Which parameters are credentials, by name: Credential, Password, SecurePassword, Passphrase, ApiKey,
 * PrivateKey, ...Secret, ...Token. Redaction is structural: it masks these parameters' values and nothing
 * else. It never searches other values for a known secret: a VM named "Winter2024-db" must be recorded as
 * named even when the password is "Winter2024" (masking it made a replay act on the wrong VM, and let a
 * reader of the ledger test password guesses). Secrets do not reach script parameters in the first place:
 * passwords go to sessions on the agent's stdin (platform/powershell protocol 'open').
 */
const CREDENTIAL_PARAM = /^(?:[A-Za-z]*(?:Password|Passphrase|Secret(?:Key)?|Token|Credentials?|ApiKey|PrivateKey)|Pass|Pwd)$/i;

export function isCredentialParam(name: string): boolean {
  return CREDENTIAL_PARAM.test(name);
}

/** Parameters as the ledger keeps them: credential parameters (at any depth) masked, every other value verbatim. */
export function redactParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k] = isCredentialParam(k) ? '***' : redactNested(v);
  return out;
}

function redactNested(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactNested);
  if (v && typeof v === 'object') return redactParams(v as Record<string, unknown>);
  return v;
}
