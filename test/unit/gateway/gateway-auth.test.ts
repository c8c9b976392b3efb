import { describe, expect, it } from 'vitest';
import { GatewayAuth, allowedOrigins, parseProtocols } from '../../../electron/gateway/gateway-auth';
import { gatewayProtocols, tokenFromProtocols } from '../../../shared/ipc/gateway-protocol';

describe('GatewayAuth', () => {
  it('makes a fresh 256-bit token per launch', () => {
    const a = new GatewayAuth();
    const b = new GatewayAuth();
    expect(a.token).not.toBe(b.token);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
  });

  it('matches only the exact token', () => {
    const auth = new GatewayAuth('secret-token-value');
    expect(auth.matches('secret-token-value')).toBe(true);
    expect(auth.matches('secret-token-valuE')).toBe(false);
    expect(auth.matches('secret-token-value ')).toBe(false);
    expect(auth.matches('')).toBe(false);
    expect(auth.matches(undefined)).toBe(false);
    expect(auth.matches(null)).toBe(false);
  });

  it('authorizes by the token subprotocol or a Bearer header, nothing else', () => {
    const auth = new GatewayAuth('tok-123456');
    expect(auth.isAuthorized({ 'sec-websocket-protocol': 'hyperdesk, hyperdesk.token.tok-123456' })).toBe(true);
    expect(auth.isAuthorized({ authorization: 'Bearer tok-123456' })).toBe(true);
    // A cookie no longer opens anything: cookies reach every port on 127.0.0.1.
    expect(auth.isAuthorized({ cookie: 'hyperdesk_4321=tok-123456' })).toBe(false);
    expect(auth.isAuthorized({ 'sec-websocket-protocol': 'hyperdesk, hyperdesk.token.tok-12345' })).toBe(false);
    expect(auth.isAuthorized({ 'sec-websocket-protocol': 'hyperdesk, tok-123456' })).toBe(false);
    expect(auth.isAuthorized({ 'sec-websocket-protocol': 'hyperdesk' })).toBe(false);
    expect(auth.isAuthorized({ authorization: 'Basic tok-123456' })).toBe(false);
    expect(auth.isAuthorized({ authorization: 'Bearer tok-12345' })).toBe(false);
    expect(auth.isAuthorized({})).toBe(false);
  });
});

describe('gateway subprotocols', () => {
  it('offers the plain name plus the token entry, and finds the token among any protocols', () => {
    expect(gatewayProtocols('abc_-9')).toEqual(['hyperdesk', 'hyperdesk.token.abc_-9']);
    expect(tokenFromProtocols(parseProtocols('x, hyperdesk.token.abc ,hyperdesk'))).toBe('abc');
    expect(tokenFromProtocols(parseProtocols(undefined))).toBeNull();
    expect(parseProtocols(' a ,, b ')).toEqual(['a', 'b']);
    expect(parseProtocols(['a, b', 'c'])).toEqual(['a', 'b', 'c']);
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
