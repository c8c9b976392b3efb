/** The token URL of the gateway global-setup started. */
export function gatewayUrl(): string {
  const url = process.env.HYPERDESK_E2E_URL;
  if (!url) throw new Error('HYPERDESK_E2E_URL is not set: the e2e global setup did not run');
  return url;
}

export function gatewayOrigin(): string {
  return new URL(gatewayUrl()).origin;
}
