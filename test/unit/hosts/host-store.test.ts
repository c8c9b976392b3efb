import { describe, expect, it } from 'vitest';
import type { FileOps } from '../../../electron/main/platform/sessions/file-ops';
import { HostStore } from '../../../electron/main/platform/sessions/host-store';

function memFiles(initial: Record<string, string> = {}) {
  const files = new Map(Object.entries(initial));
  const ops: FileOps & { files: Map<string, string>; atomicWrites: number } = {
    files,
    atomicWrites: 0,
    read: (p) => files.get(p),
    writeAtomic(p, t) {
      ops.atomicWrites++;
      files.set(p, t);
    },
    append: (p, t) => void files.set(p, (files.get(p) ?? '') + t),
    size: (p) => (files.get(p) ?? '').length,
    rename(a, b) {
      files.set(b, files.get(a)!);
      files.delete(a);
    },
    remove: (p) => void files.delete(p),
  };
  return ops;
}

const host = { id: 'h1', name: 'HV-01', transport: 'ssh' as const, address: 'hv01.example', port: 22, userName: 'admin' };

describe('HostStore', () => {
  it('reports a first run when there is no file', () => {
    expect(new HostStore('/d/hosts.json', memFiles()).load()).toEqual({ hosts: [], firstRun: true });
  });

  it('saves a versioned file atomically and reads it back', () => {
    const fs = memFiles();
    const store = new HostStore('/d/hosts.json', fs);
    store.save([host]);
    expect(fs.atomicWrites).toBe(1);
    expect(JSON.parse(fs.files.get('/d/hosts.json')!)).toEqual({ version: 1, hosts: [host] });
    expect(store.load()).toEqual({ hosts: [host], firstRun: false });
  });

  it('migrates the unversioned (version 0) array format', () => {
    const fs = memFiles({ '/d/hosts.json': JSON.stringify([host]) });
    expect(new HostStore('/d/hosts.json', fs).load().hosts).toEqual([host]);
  });

  it('keeps a corrupt file aside with a clear error instead of overwriting it', () => {
    const fs = memFiles({ '/d/hosts.json': '{"version":1,"hosts":[{"id":' });
    const r = new HostStore('/d/hosts.json', fs, () => 42).load();
    expect(r.hosts).toEqual([]);
    expect(r.problem?.message).toMatch(/could not be read \(not JSON.*kept as \/d\/hosts\.json\.unreadable-42/);
    expect(fs.files.get('/d/hosts.json.unreadable-42')).toBe('{"version":1,"hosts":[{"id":');
    expect(fs.files.has('/d/hosts.json')).toBe(false);
  });

  it('refuses a file from a newer version or with an invalid host, naming the problem', () => {
    const newer = new HostStore('/d/hosts.json', memFiles({ '/d/hosts.json': JSON.stringify({ version: 9, hosts: [] }) }), () => 1).load();
    expect(newer.problem?.message).toMatch(/newer Hyperdesk \(version 9\)/);
    const bad = new HostStore('/d/hosts.json', memFiles({ '/d/hosts.json': JSON.stringify({ version: 1, hosts: [{ ...host, transport: 'telnet' }] }) }), () => 1).load();
    expect(bad.problem?.message).toMatch(/hosts\.0\.transport/);
  });

  it('never writes a password field', () => {
    const fs = memFiles();
    new HostStore('/d/hosts.json', fs).save([{ ...host, password: 'hunter2' } as never]);
    expect(fs.files.get('/d/hosts.json')).not.toContain('hunter2');
  });
});
