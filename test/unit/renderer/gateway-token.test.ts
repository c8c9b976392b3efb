import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, takeGatewayToken, type TokenSources } from '../../../renderer/src/api/gateway-token';

function sources(href: string, stored: Record<string, string> = {}) {
  const store = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const src: TokenSources = {
    location: { href },
    history: { state: { keep: 1 }, replaceState: (_d, _u, url) => void replaced.push(String(url)) },
    storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
  };
  return { src, store, replaced };
}

describe('takeGatewayToken', () => {
  it('keeps the launch token in session storage and strips it from the address bar, other parameters kept', () => {
    const { src, store, replaced } = sources('http://127.0.0.1:5123/?view=2&token=abc#x');
    expect(takeGatewayToken(src)).toBe('abc');
    expect(store.get(TOKEN_STORAGE_KEY)).toBe('abc');
    expect(replaced).toEqual(['/?view=2#x']);
  });

  it('after a reload (no token in the URL) uses the stored one and leaves the address alone', () => {
    const { src, replaced } = sources('http://127.0.0.1:5123/', { [TOKEN_STORAGE_KEY]: 'abc' });
    expect(takeGatewayToken(src)).toBe('abc');
    expect(replaced).toEqual([]);
  });

  it('a new launch URL replaces a stored token from an earlier launch', () => {
    const { src, store } = sources('http://127.0.0.1:5123/?token=new', { [TOKEN_STORAGE_KEY]: 'old' });
    expect(takeGatewayToken(src)).toBe('new');
    expect(store.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('has no token when neither the URL nor the storage has one (an empty ?token= is stripped, not stored)', () => {
    const { src, store, replaced } = sources('http://127.0.0.1:5123/?token=');
    expect(takeGatewayToken(src)).toBeNull();
    expect(store.size).toBe(0);
    expect(replaced).toEqual(['/']);
  });
});
