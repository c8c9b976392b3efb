import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseGatewayArgs } from '../../../electron/gateway/gateway-paths';

describe('defaultDataDir', () => {
  it('uses HYPERDESK_DATA_DIR when set', () => {
    expect(defaultDataDir({ HYPERDESK_DATA_DIR: '/data/hd' }, 'linux', '/home/u')).toBe('/data/hd');
  });
  it('follows the OS app-data folder like Electron does', () => {
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/Hyperdesk');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe('/x/Hyperdesk');
    expect(defaultDataDir({ APPDATA: 'C:/Users/u/AppData/Roaming' }, 'win32', 'C:/Users/u').replace(/\\/g, '/')).toBe('C:/Users/u/AppData/Roaming/Hyperdesk');
  });
});

describe('parseGatewayArgs', () => {
  it('defaults to loopback and a random port', () => {
    expect(parseGatewayArgs([], { HYPERDESK_DATA_DIR: '/d' })).toEqual({ host: '127.0.0.1', port: 0, dataDir: '/d' });
  });
  it('takes env, and flags over env', () => {
    const env = { HYPERDESK_HOST: '0.0.0.0', HYPERDESK_PORT: '8080', HYPERDESK_DATA_DIR: '/d' };
    expect(parseGatewayArgs([], env)).toEqual({ host: '0.0.0.0', port: 8080, dataDir: '/d' });
    expect(parseGatewayArgs(['--port', '9000', '--host=127.0.0.2', '--data-dir', '/e'], env)).toEqual({ host: '127.0.0.2', port: 9000, dataDir: '/e' });
  });
  it('rejects bad ports and unknown flags with a clear message', () => {
    expect(() => parseGatewayArgs(['--port', 'eighty'], {})).toThrow(/Invalid port: eighty/);
    expect(() => parseGatewayArgs(['--port', '70000'], {})).toThrow(/Invalid port/);
    expect(() => parseGatewayArgs(['--verbose'], {})).toThrow(/Unknown argument: --verbose/);
    expect(() => parseGatewayArgs(['--port'], {})).toThrow(/--port needs a value/);
  });
});
