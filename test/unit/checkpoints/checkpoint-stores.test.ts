import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGroupStore, createRoleStore } from '../../../electron/main/features/checkpoints/checkpoint-documents';
import { memDocumentFiles, recordingLog } from '../documents/mem-document-files';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/state-v1', name), 'utf8');
const DC01 = '8e3c6a52-1111-4c3b-9a10-5a4e1c2b0001';
const APP01 = '2f0d9b7c-2222-4d1e-8b33-7c6a5e4d0002';

describe('checkpoint stores: version-1 files of an existing user', () => {
  it('moves domain-controller and member roles from hostId/vmId to the VM Id, and writes the current version back', async () => {
    const files = memDocumentFiles({ '/d/checkpoint-roles.json': fixture('checkpoint-roles.json') });
    const roles = createRoleStore('/d', files, recordingLog());
    expect(await roles.read()).toEqual({ version: 3, roles: { [DC01]: 'domain-controller', [APP01]: 'member' }, seen: {} });
    expect(JSON.parse(files.data.get('/d/checkpoint-roles.json')!)).toEqual({ version: 3, roles: { [DC01]: 'domain-controller', [APP01]: 'member' }, seen: {} });
    expect(roles.problem).toBeUndefined();
  });

  it('keeps a VM a domain controller when its two copies (a replica) had different roles', async () => {
    const v1 = { version: 1, roles: { [`hv-01/${DC01}`]: 'member', [`hv-02/${DC01}`]: 'domain-controller' } };
    const roles = createRoleStore('/d', memDocumentFiles({ '/d/checkpoint-roles.json': JSON.stringify(v1, null, 2) }), recordingLog());
    expect((await roles.read()).roles).toEqual({ [DC01]: 'domain-controller' });
  });

  it('keeps a version-2 file\'s roles and starts with no remembered reports', async () => {
    const v2 = { version: 2, roles: { [DC01]: 'domain-controller' } };
    const files = memDocumentFiles({ '/d/checkpoint-roles.json': JSON.stringify(v2) });
    const roles = createRoleStore('/d', files, recordingLog());
    expect(await roles.read()).toEqual({ version: 3, roles: { [DC01]: 'domain-controller' }, seen: {} });
    expect(JSON.parse(files.data.get('/d/checkpoint-roles.json')!).version).toBe(3);
  });

  it('keeps every group, member and checkpoint reference; member VM Ids are spelled as vmKey (lower case)', async () => {
    const text = fixture('checkpoint-groups.json');
    const groups = createGroupStore('/d', memDocumentFiles({ '/d/checkpoint-groups.json': text }), recordingLog());
    const v1 = JSON.parse(text) as { groups: { members: { vmId: string }[] }[] };
    const expected = v1.groups.map((g) => ({ ...g, members: g.members.map((m) => ({ ...m, vmId: m.vmId.toLowerCase() })) }));
    expect(await groups.read()).toEqual({ version: 2, groups: expected });
    expect((await groups.read()).groups[0]!.members.map((m) => [m.hostId, m.vmId])).toEqual([['hv-01', DC01], ['hv-02', APP01]]);
  });

  it('sets an unreadable roles file aside instead of failing every call (the old store threw on each read)', async () => {
    const files = memDocumentFiles({ '/d/checkpoint-roles.json': '{"version":1,"roles":' });
    const log = recordingLog();
    const roles = createRoleStore('/d', files, log);
    expect(await roles.read()).toEqual({ version: 3, roles: {}, seen: {} });
    expect(roles.problem?.keptAt).toMatch(/^\/d\/checkpoint-roles\.json\.unreadable-\d+$/);
    expect(files.data.get(roles.problem!.keptAt)).toBe('{"version":1,"roles":');
    expect(log.errors).toHaveLength(1);
  });
});
