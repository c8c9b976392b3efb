import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostSecretKey } from '../../../electron/main/platform/sessions/secret-store';
import { createHarness, type Harness } from './session-harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, 60_000);
afterAll(async () => h?.dispose());

/** The host list as saved on disk (what the next start loads). */
function savedHost(id: string): Record<string, unknown> | undefined {
  const file = JSON.parse(readFileSync(join(h.dir, 'data', 'hosts.json'), 'utf8')) as { hosts: Array<Record<string, unknown>> };
  return file.hosts.find((x) => x.id === id);
}

describe('editing a host', () => {
  it('clears the port and user name when the patch sets them to null, on screen and on disk', async () => {
    // Port 1 on loopback refuses at once: the session fails in the background, the config is what matters here.
    const added = await h.registry.add({ name: 'edge', transport: 'ssh', address: '127.0.0.1', port: 1, userName: 'admin', keyFilePath: '/nonexistent/key' });
    expect(savedHost(added.id)).toMatchObject({ port: 1, userName: 'admin' });
    const edited = await h.registry.update(added.id, { port: null, userName: null, name: 'edge-2' });
    expect(edited.name).toBe('edge-2');
    expect(edited).not.toHaveProperty('port');
    expect(edited).not.toHaveProperty('userName');
    expect(edited.keyFilePath).toBe('/nonexistent/key'); // not in the patch: kept
    const saved = savedHost(added.id)!;
    expect(saved).not.toHaveProperty('port');
    expect(saved).not.toHaveProperty('userName');
    expect(saved.name).toBe('edge-2');
  });

  it('refuses to clear the address of a remote host, and keeps the old config', async () => {
    const added = await h.registry.add({ name: 'far', transport: 'winrm', address: '127.0.0.1', port: 1 });
    await expect(h.registry.update(added.id, { address: null })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('needs an address') });
    expect(savedHost(added.id)).toMatchObject({ address: '127.0.0.1' });
  });

  it('forgets the stored password when the patch says null', async () => {
    const added = await h.registry.add({ name: 'cred', transport: 'winrm', address: '127.0.0.1', port: 1, userName: 'u', password: 'S3cret-for-edit-test' });
    expect(added.hasCredential).toBe(true);
    const edited = await h.registry.update(added.id, { transport: 'ssh', password: null, useSsl: null, authentication: null });
    expect(edited.hasCredential).toBe(false);
    expect(await h.secrets.get(hostSecretKey(added.id))).toBeUndefined();
  });

  it('a lab host keeps its transport', async () => {
    const lab = await h.registry.add({ name: 'Lab X', transport: 'lab', labStateDir: join(h.dir, 'labx') });
    await expect(h.registry.update(lab.id, { transport: 'local' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await h.registry.update(lab.id, { name: 'Lab Y' })).name).toBe('Lab Y');
  });

  it('testing a remote host without an address answers at once with the reason', async () => {
    const r = await h.registry.test({ name: 'x', transport: 'ssh' });
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('needs an address') });
  });
});
