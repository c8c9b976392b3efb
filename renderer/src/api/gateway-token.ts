/**
 * Browser mode's access token, taken from the launch URL (`?token=`) once and kept in sessionStorage,
 * which is scoped to this exact origin (scheme, host AND port) and to this tab, so a reload keeps working
 * and no other local server can read it (a cookie would have gone to every port on 127.0.0.1).
 * The token is then stripped from the address bar (history, screenshots, copy-paste).
 */
export const TOKEN_STORAGE_KEY = 'hyperdesk.gateway-token';

export interface TokenSources {
  location: { href: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void; state: unknown };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/** The token for this tab: a fresh one from the URL wins over a stored one (a new launch), else the stored one. */
export function takeGatewayToken(src: TokenSources): string | null {
  const url = new URL(src.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    src.history.replaceState(src.history.state, '', url.pathname + url.search + url.hash);
    if (fromUrl.length > 0) {
      src.storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
      return fromUrl;
    }
  }
  return src.storage.getItem(TOKEN_STORAGE_KEY);
}
