import { describe, expect, it } from 'vitest';
import { HostStore } from '../../../electron/main/platform/sessions/hosts-document';
import { memDocumentFiles, recordingLog } from '../documents/mem-document-files';

const memFiles = memDocumentFiles;
const host = { id: 'h1', name: 'HV-01', transport: 'ssh' as const, address: 'hv01.example', port: 22, userName: 'admin' };
const store = (fs: ReturnType<typeof memFiles>, now?: () => number, log = recordingLog()) => new HostStore('/d/hosts.json', fs, now, log);

describe('HostStore', () => {
  it('reports a first run when there is no file', async () => {
    expect(await store(memFiles()).load()).toEqual({ hosts: [], firstRun: true });
  });

  it('saves a versioned file atomically and reads it back', async () => {
    const fs = memFiles();
    await store(fs).save([host]);
    expect(fs.atomicWrites).toBe(1);
    expect(JSON.parse(fs.data.get('/d/hosts.json')!)).toEqual({ version: 1, hosts: [host] });
    expect(await store(fs).load()).toEqual({ hosts: [host], firstRun: false });
  });

  it('migrates the unversioned (version 0) array format', async () => {
    const fs = memFiles({ '/d/hosts.json': JSON.stringify([host]) });
    expect((await store(fs).load()).hosts).toEqual([host]);
    expect(JSON.parse(fs.data.get('/d/hosts.json')!)).toEqual({ version: 1, hosts: [host] });
  });

  it('keeps a corrupt file aside with a clear error instead of overwriting it', async () => {
    const fs = memFiles({ '/d/hosts.json': '{"version":1,"hosts":[{"id":' });
    const log = recordingLog();
    const r = await store(fs, () => 42, log).load();
    expect(r.hosts).toEqual([]);
    expect(r.problem?.message).toMatch(/could not be read \(not JSON.*kept as \/d\/hosts\.json\.unreadable-42/);
    expect(r.problem?.keptAt).toBe('/d/hosts.json.unreadable-42');
    expect(fs.data.get('/d/hosts.json.unreadable-42')).toBe('{"version":1,"hosts":[{"id":');
    expect(fs.data.has('/d/hosts.json')).toBe(false);
    expect(log.errors).toEqual([r.problem!.message]);
  });

  it('refuses a file from a newer version or with an invalid host, naming the problem', async () => {
    const newer = await store(memFiles({ '/d/hosts.json': JSON.stringify({ version: 9, hosts: [] }) }), () => 1).load();
    expect(newer.problem?.message).toMatch(/newer Hyperdesk \(version 9\)/);
    const bad = await store(memFiles({ '/d/hosts.json': JSON.stringify({ version: 1, hosts: [{ ...host, transport: 'telnet' }] }) }), () => 1).load();
    expect(bad.problem?.message).toMatch(/hosts\.0\.transport/);
  });

  it('never writes a password field', async () => {
    const fs = memFiles();
    await store(fs).save([{ ...host, password: 'hunter2' } as never]);
    expect(fs.data.get('/d/hosts.json')).not.toContain('hunter2');
  });
});
