// @vitest-environment jsdom
import './support/dom-shims';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bridgeGlobalName, type HyperdeskBridge } from '../../../shared/ipc/bridge';
import { AddHostDialog } from '../../../renderer/src/features/hosts/add-host-dialog';
import { P2vSourceForm } from '../../../renderer/src/features/p2v/p2v-source-form';
import { setupI18n } from '../../../renderer/src/i18n/i18n';

// Both forms over the app's api client on a fake preload bridge that records what main would receive.
const calls: Array<{ channel: string; input: unknown }> = [];
const bridge: HyperdeskBridge = {
  invoke: (_id, channel, input) => {
    calls.push({ channel, input });
    // An SSH host's key is looked up before saving: answer that it is already trusted, so the form goes on to save.
    if (channel === 'hosts.hostKey') {
      const { address, port } = input as { address: string; port?: number };
      return Promise.resolve({ ok: true, value: { key: { address, port: port ?? 22, status: 'trusted', keyType: 'ssh-ed25519', fingerprint: 'SHA256:test', knownFingerprints: [] } } });
    }
    return Promise.resolve({ ok: false, error: { code: 'VALIDATION', message: 'recorded by the test' } });
  },
  cancel: () => undefined,
  onEvent: () => () => undefined,
};
(window as unknown as Record<string, HyperdeskBridge>)[bridgeGlobalName] = bridge;

beforeAll(() => setupI18n());
beforeEach(() => (calls.length = 0));
afterEach(cleanup);

const fill = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const submitted = (channel: string) => waitFor(() => expect(calls.find((c) => c.channel === channel)).toBeDefined()).then(() => calls.find((c) => c.channel === channel)!.input);

describe('ConnectionFields in the add-host dialog (prefix host)', () => {
  it('SSH shows the key file and no password, and saves only what SSH uses', async () => {
    render(<AddHostDialog onClose={() => undefined} />);
    expect(screen.getByTestId('host-password')).toBeTruthy(); // WinRM first
    fill('host-transport', 'ssh');
    expect(screen.queryByTestId('host-password')).toBeNull();
    fill('host-name', 'hv-ssh');
    fill('host-address', ' 10.0.0.5 ');
    fill('host-port', '2222');
    fill('host-user', 'admin');
    fill('host-key-file', '/home/me/.ssh/id_ed25519');
    fireEvent.click(screen.getByTestId('host-save'));
    expect(await submitted('hosts.add')).toEqual({
      name: 'hv-ssh',
      transport: 'ssh',
      address: '10.0.0.5',
      port: 2222,
      userName: 'admin',
      keyFilePath: '/home/me/.ssh/id_ed25519',
    });
  });

  it('WinRM sends the password, authentication and SSL choice', async () => {
    render(<AddHostDialog onClose={() => undefined} />);
    fill('host-address', 'hv1.corp');
    fill('host-password', 's3cret');
    fill('host-authentication', 'Kerberos');
    fireEvent.click(screen.getByTestId('host-ssl'));
    fireEvent.click(screen.getByTestId('host-save'));
    expect(await submitted('hosts.add')).toEqual({ name: 'hv1.corp', transport: 'winrm', address: 'hv1.corp', password: 's3cret', useSsl: true, authentication: 'Kerberos' });
  });

  it('refuses an out-of-range port in place, sending nothing', async () => {
    render(<AddHostDialog onClose={() => undefined} />);
    fill('host-address', 'hv1');
    fill('host-port', '70000');
    await act(async () => {
      fireEvent.submit(screen.getByTestId('host-save').closest('form')!);
    });
    expect(screen.getByTestId('host-port-error').textContent).not.toBe('');
    expect(calls).toEqual([]);
  });

  it('editing starts from the host and keeps the stored password when left empty', async () => {
    render(
      <AddHostDialog
        onClose={() => undefined}
        host={{ id: 'h1', name: 'hv1', transport: 'ssh', address: '10.0.0.9', port: 22, userName: 'root', hasCredential: false, status: { state: 'ready', since: 'x' } }}
      />,
    );
    expect((screen.getByTestId('host-transport') as HTMLSelectElement).value).toBe('ssh');
    expect((screen.getByTestId('host-address') as HTMLInputElement).value).toBe('10.0.0.9');
    expect((screen.getByTestId('host-port') as HTMLInputElement).value).toBe('22');
    fill('host-user', '');
    fireEvent.click(screen.getByTestId('host-save'));
    const input = (await submitted('hosts.update')) as { id: string; patch: Record<string, unknown> };
    expect(input.id).toBe('h1');
    expect(input.patch).toMatchObject({ transport: 'ssh', address: '10.0.0.9', port: 22, userName: null });
    expect(input.patch).not.toHaveProperty('password');
  });
});

describe('ConnectionFields in the P2V source form (prefix p2v-remote)', () => {
  it('a remote WinRM source sends the connection and the password beside it, then empties the field', async () => {
    render(<P2vSourceForm />);
    expect(screen.queryByTestId('p2v-remote')).toBeNull();
    fill('p2v-source', 'remote');
    expect(screen.queryByTestId('p2v-remote-transport')).not.toBeNull();
    expect((screen.getByTestId('p2v-new') as HTMLButtonElement).disabled).toBe(true); // no address yet
    fill('p2v-remote-address', 'pc-17');
    fill('p2v-remote-user', 'CORP\\me');
    fill('p2v-remote-password', 'pw');
    fireEvent.click(screen.getByTestId('p2v-new'));
    expect(await submitted('p2v.create')).toEqual({
      source: { kind: 'remote', transport: 'winrm', address: 'pc-17', userName: 'CORP\\me', useSsl: false, authentication: 'Default' },
      password: 'pw',
    });
    await waitFor(() => expect((screen.getByTestId('p2v-remote-password') as HTMLInputElement).value).toBe(''));
  });

  it('offers no "this computer" transport, and SSH sends the key file and no password', async () => {
    render(<P2vSourceForm />);
    fill('p2v-source', 'remote');
    const options = [...(screen.getByTestId('p2v-remote-transport') as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['winrm', 'ssh']);
    fill('p2v-remote-transport', 'ssh');
    fill('p2v-remote-address', 'pc-18');
    fill('p2v-remote-key-file', 'C:\\keys\\id');
    fireEvent.click(screen.getByTestId('p2v-new'));
    expect(await submitted('p2v.create')).toEqual({ source: { kind: 'remote', transport: 'ssh', address: 'pc-18', keyFilePath: 'C:\\keys\\id' } });
  });

  it('a lab source sends just the scenario', async () => {
    render(<P2vSourceForm />);
    fill('p2v-source', 'lab:uefi-gpt');
    fireEvent.click(screen.getByTestId('p2v-new'));
    expect(await submitted('p2v.create')).toEqual({ source: { kind: 'lab', scenario: 'uefi-gpt' } });
  });
});
