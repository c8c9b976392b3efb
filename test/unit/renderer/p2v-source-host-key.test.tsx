// @vitest-environment jsdom
import './support/dom-shims';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostKeyCheck } from '../../../shared/features/hosts/hosts.contract';

// The P2V wizard's remote SSH source goes through the hosts' key trust step before the job is made.
const calls: { channel: string; input: Record<string, unknown> }[] = [];
let presented: HostKeyCheck | null;
const job = { id: 'j1' };
vi.mock('../../../renderer/src/api/client', () => ({
  ApiError: class extends Error {},
  api: {
    invoke: (channel: string, input: Record<string, unknown>) => {
      calls.push({ channel, input });
      if (channel === 'hosts.hostKey') return Promise.resolve({ key: presented });
      if (channel === 'hosts.trustHostKey') return Promise.resolve({ ...presented!, status: 'trusted' });
      if (channel === 'hosts.forgetHostKey') {
        presented = { ...presented!, status: 'unknown', knownFingerprints: [] };
        return Promise.resolve({ removed: 1 });
      }
      if (channel === 'p2v.create') return Promise.resolve(job);
      return Promise.resolve({});
    },
    on: () => () => undefined,
    onStatus: () => () => undefined,
  },
}));
const { P2vSourceForm } = await import('../../../renderer/src/features/p2v/p2v-source-form');

beforeAll(async () => {
  const { setupI18n } = await import('../../../renderer/src/i18n/i18n');
  await setupI18n();
});
beforeEach(() => {
  calls.length = 0;
});
afterEach(cleanup);

const key = (status: HostKeyCheck['status']): HostKeyCheck => ({
  address: '10.0.0.5',
  port: 2222,
  status,
  keyType: 'ssh-ed25519',
  fingerprint: 'SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  knownFingerprints: status === 'changed' ? ['SHA256:old0000000000000000000000000000000000000000'] : [],
});
const channels = () => calls.map((c) => c.channel);

async function submitSshSource() {
  render(<P2vSourceForm />);
  fireEvent.change(screen.getByTestId('p2v-source'), { target: { value: 'remote' } });
  fireEvent.change(await screen.findByTestId('p2v-remote-transport'), { target: { value: 'ssh' } });
  fireEvent.input(screen.getByTestId('p2v-remote-address'), { target: { value: '10.0.0.5' } });
  fireEvent.input(screen.getByTestId('p2v-remote-port'), { target: { value: '2222' } });
  fireEvent.input(await screen.findByTestId('p2v-remote-key-file'), { target: { value: '/home/me/.ssh/id_ed25519' } });
  fireEvent.click(screen.getByTestId('p2v-new'));
}

describe('P2V remote SSH source: host key', () => {
  it('an unknown key shows its fingerprint; the job is made only once the user trusts that key', async () => {
    presented = key('unknown');
    await submitSshSource();
    const panel = await screen.findByTestId('host-key');
    expect(panel.getAttribute('data-status')).toBe('unknown');
    expect(screen.getByTestId('host-key-fingerprint').textContent).toBe(presented.fingerprint);
    expect(calls.find((c) => c.channel === 'hosts.hostKey')!.input).toEqual({ address: '10.0.0.5', port: 2222 });
    expect(channels()).not.toContain('p2v.create');

    fireEvent.click(screen.getByTestId('host-key-trust'));
    await waitFor(() => expect(channels()).toContain('p2v.create'));
    expect(calls.find((c) => c.channel === 'hosts.trustHostKey')!.input).toEqual({ address: '10.0.0.5', port: 2222, fingerprint: presented.fingerprint });
    expect(channels().indexOf('hosts.trustHostKey')).toBeLessThan(channels().indexOf('p2v.create'));
    expect(calls.find((c) => c.channel === 'p2v.create')!.input).toMatchObject({ source: { kind: 'remote', transport: 'ssh', address: '10.0.0.5', port: 2222 } });
    expect(screen.queryByTestId('host-key')).toBeNull();
  });

  it('a trusted key (or none answering) makes the job at once', async () => {
    presented = key('trusted');
    await submitSshSource();
    await waitFor(() => expect(channels()).toContain('p2v.create'));
    expect(screen.queryByTestId('host-key')).toBeNull();
    cleanup();
    calls.length = 0;
    presented = null;
    await submitSshSource();
    await waitFor(() => expect(channels()).toContain('p2v.create'));
  });

  it('a changed key is refused: no trust button, no job; forgetting the old key shows the new one to trust', async () => {
    presented = key('changed');
    await submitSshSource();
    const panel = await screen.findByTestId('host-key');
    expect(panel.getAttribute('data-status')).toBe('changed');
    expect(screen.getByTestId('host-key-old').textContent).toBe('SHA256:old0000000000000000000000000000000000000000');
    expect(screen.queryByTestId('host-key-trust')).toBeNull();
    fireEvent.click(screen.getByTestId('host-key-forget'));
    await waitFor(() => expect(screen.getByTestId('host-key').getAttribute('data-status')).toBe('unknown'));
    expect(channels()).not.toContain('p2v.create');
    fireEvent.click(screen.getByTestId('host-key-trust'));
    await waitFor(() => expect(channels()).toContain('p2v.create'));
  });

  it('a WinRM source is not asked about a host key', async () => {
    render(<P2vSourceForm />);
    fireEvent.change(screen.getByTestId('p2v-source'), { target: { value: 'remote' } });
    fireEvent.input(await screen.findByTestId('p2v-remote-address'), { target: { value: 'pc-01' } });
    fireEvent.click(screen.getByTestId('p2v-new'));
    await waitFor(() => expect(channels()).toContain('p2v.create'));
    expect(channels()).not.toContain('hosts.hostKey');
  });
});
