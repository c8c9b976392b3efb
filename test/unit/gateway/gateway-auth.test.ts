import { describe, expect, it } from 'vitest';
import { GatewayAuth, allowedOrigins, parseCookies } from '../../../electron/gateway/gateway-auth';

describe('GatewayAuth', () => {
  it('makes a fresh 256-bit token per launch', () => {
    const a = new GatewayAuth(1000);
    const b = new GatewayAuth(1000);
    expect(a.token).not.toBe(b.token);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
  });

  it('matches only the exact token', () => {
    const auth = new GatewayAuth(1000, 'secret-token-value');
    expect(auth.matches('secret-token-value')).toBe(true);
    expect(auth.matches('secret-token-valuE')).toBe(false);
    expect(auth.matches('secret-token-value ')).toBe(false);
    expect(auth.matches('')).toBe(false);
    expect(auth.matches(undefined)).toBe(false);
    expect(auth.matches(null)).toBe(false);
  });

  it('authorizes by its own cookie or a Bearer header, nothing else', () => {
    const auth = new GatewayAuth(4321, 'tok-123456');
    expect(auth.isAuthorized({ cookie: 'other=1; hyperdesk_4321=tok-123456' })).toBe(true);
    expect(auth.isAuthorized({ authorization: 'Bearer tok-123456' })).toBe(true);
    expect(auth.isAuthorized({ cookie: 'hyperdesk_9999=tok-123456' })).toBe(false);
    expect(auth.isAuthorized({ authorization: 'Basic tok-123456' })).toBe(false);
    expect(auth.isAuthorized({ authorization: 'Bearer tok-12345' })).toBe(false);
    expect(auth.isAuthorized({})).toBe(false);
  });

  it('sets an HttpOnly, SameSite=Strict cookie named after the port', () => {
    const header = new GatewayAuth(4321, 'tok-123456').setCookieHeader();
    expect(header).toMatch(/^hyperdesk_4321=tok-123456;/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
  });
});

describe('parseCookies', () => {
  it('splits pairs, trims, keeps the first of duplicates and skips junk', () => {
    const c = parseCookies(' a=1; b = two ;junk; =x; a=3');
    expect([...c.entries()]).toEqual([
      ['a', '1'],
      ['b', 'two'],
    ]);
    expect(parseCookies(undefined).size).toBe(0);
  });
});

describe('allowedOrigins', () => {
  it('accepts the loopback spellings for a loopback bind', () => {
    expect([...allowedOrigins('127.0.0.1', 5000)].sort()).toEqual(['http://127.0.0.1:5000', 'http://[::1]:5000', 'http://localhost:5000']);
  });
  it('accepts only the bound name otherwise', () => {
    expect([...allowedOrigins('10.0.0.5', 80)]).toEqual(['http://10.0.0.5:80']);
    expect([...allowedOrigins('fd00::5', 80)]).toEqual(['http://[fd00::5]:80']);
  });
});
