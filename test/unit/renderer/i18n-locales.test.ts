import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { supportedLanguages } from '../../../renderer/src/i18n/language';
import { en, namespaces, zhTW } from '../../../renderer/src/i18n/resources';
import { stateGroups } from '../../../renderer/src/features/inventory/grid-query';
import type { LabelledEnum } from '../../../renderer/src/features/inventory/grid-cells';
import { AppInfo } from '../../../shared/features/app/app.contract';
import type { CleanupStepId } from '../../../shared/features/checkpoints/chain-health';
import { SNAPSHOT_TYPES } from '../../../shared/features/checkpoints/checkpoint-tree';
import type { stateAfterApply } from '../../../shared/features/checkpoints/checkpoint-safety';
import { ChainIssue, GuestRole, RoleDecision } from '../../../shared/features/checkpoints/checkpoint-schemas';
import { CheckpointKind } from '../../../shared/features/checkpoints/checkpoints.contract';
import { ConsoleVmState } from '../../../shared/features/console/console.contract';
import { HostReason, HostState, WinRmAuthentication } from '../../../shared/features/hosts/hosts.contract';
import { TerminalTargetOption } from '../../../shared/features/terminal/terminal.contract';
import { VmActions } from '../../../shared/features/inventory/inventory.contract';
import { settingsProblemKeys } from '../../../shared/features/inventory/vm-settings.validation';
import { CheckpointTypes, Gen1BootDevices, StartActions, StopActions } from '../../../shared/features/inventory/vm-settings.schema';
import { LedgerOutcome } from '../../../shared/features/ledger/ledger.contract';
import { ChecklistItem, Finding, JobStatus, P2vLeftBehind, PartitionRole, StepName } from '../../../shared/features/p2v/p2v.contract';
import { TaskStatus } from '../../../shared/features/tasks/tasks.contract';
import { checkKeys, flattenLanguage, leaves, usedKeys, type Source, type Tree } from './i18n-key-check';
import { blockReasons, confirmedActionList } from '../../../renderer/src/features/inventory/vm-action-policy';
import { Themes, settingLimits } from '../../../shared/features/app/app-settings.schema';
import { HostStorage } from '../../../shared/features/host-overview/host-overview.contract';

const repo = resolve(__dirname, '../../..');
const localesDir = join(repo, 'renderer/src/i18n/locales');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const locales: Record<string, Map<string, unknown>> = { en: flattenLanguage(en), 'zh-TW': flattenLanguage(zhTW) };

const walk = (d: string): string[] =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : /\.tsx?$/.test(e.name) ? [join(d, e.name)] : []));
const read = (side: Source['side']) => (p: string): Source => ({ path: p.slice(repo.length + 1), text: readFileSync(p, 'utf8'), side });
const sources: Source[] = [
  // i18n/ itself only defines the doors (translateRuntimeKey's own `key` parameter is no use of a key).
  ...walk(join(repo, 'renderer/src'))
    .filter((p) => !p.includes(`${join('renderer', 'src', 'i18n')}`))
    .map(read('renderer')),
  ...[...walk(join(repo, 'electron/main')), ...walk(join(repo, 'shared'))].map(read('main')),
];

/**
 * The members of a string union that has no runtime list, checked complete by the compiler: leaving one out (or
 * adding one the union lacks) is a type error in this file.
 */
const every =
  <T extends string | number>() =>
  <const A extends readonly T[]>(...values: A & ([T] extends [A[number]] ? unknown : 'lists every member')): readonly string[] =>
    values.map(String);

const prefixed = (prefix: string, values: readonly (string | number)[]) => values.map((v) => `${prefix}${v}`);
/**
 * Hyper-V reports these as free strings (a newer host may send one we have never seen), so the UI passes a
 * defaultValue and shows the raw name. What we can check is that every text we do have exists in every language.
 */
const open = (prefix: string) => {
  const keys = [...locales.en!.keys()].filter((k) => k.startsWith(prefix));
  expect(keys.length, prefix).toBeGreaterThan(0);
  return keys;
};

/** Every template key in the code, with the complete list of keys it can produce. */
function dynamicKeys(): Record<string, readonly string[]> {
  const labelled = every<LabelledEnum>()('vmState', 'heartbeat', 'replication');
  return {
    // renderer
    'checkpoints:create.kindHelp.${}': prefixed('checkpoints:create.kindHelp.', CheckpointKind.options),
    'checkpoints:health.issue.${}': prefixed('checkpoints:health.issue.', ChainIssue.shape.kind.options),
    'checkpoints:health.step.${}': prefixed(
      'checkpoints:health.step.',
      every<CleanupStepId>()('no-manual-merge', 'check-backups', 'stop-broken-chain', 'delete-unneeded-checkpoints', 'let-hyperv-merge', 'set-aside-lingering', 'refresh'),
    ),
    'checkpoints:kind.${}': prefixed('checkpoints:kind.', CheckpointKind.options),
    'checkpoints:snapshotType.${}': prefixed('checkpoints:snapshotType.', SNAPSHOT_TYPES),
    'checkpoints:role.dc.${}': prefixed('checkpoints:role.dc.', RoleDecision.shape.source.options),
    'checkpoints:role.option.${}': prefixed('checkpoints:role.option.', GuestRole.options),
    'checkpoints:taskStatus.${}': prefixed('checkpoints:taskStatus.', TaskStatus.options),
    'checkpoints:vmState.${}': prefixed('checkpoints:vmState.', every<ReturnType<typeof stateAfterApply>>()('Saved', 'Off')),
    'common:actions.${}': prefixed('common:actions.', VmActions),
    'common:authMechanism.${}': prefixed('common:authMechanism.', WinRmAuthentication.options),
    'common:transport.${}': prefixed('common:transport.', TerminalTargetOption.shape.transport.options),
    'common:bootDevice.${}': [...prefixed('common:bootDevice.', [...Gen1BootDevices, 'VHD', 'NetworkAdapter']), ...open('common:bootDevice.')],
    'common:checkpointType.${}': prefixed('common:checkpointType.', CheckpointTypes),
    'common:heartbeat.${}': open('common:heartbeat.'),
    'common:hostReason.${}': prefixed('common:hostReason.', HostReason.options),
    'common:hostState.${}': prefixed('common:hostState.', HostState.options),
    'hosts:cause.${}': prefixed('hosts:cause.', HostReason.options),
    'common:language.${}': prefixed('common:language.', supportedLanguages),
    'common:replication.${}': open('common:replication.'),
    'common:startAction.${}': prefixed('common:startAction.', StartActions),
    'common:stateGroup.${}': prefixed('common:stateGroup.', stateGroups),
    'common:stopAction.${}': prefixed('common:stopAction.', StopActions),
    'common:switchType.${}': open('common:switchType.'),
    'common:taskStatus.${}': prefixed('common:taskStatus.', TaskStatus.options),
    'common:validation.${}': prefixed('common:validation.', settingsProblemKeys),
    'settings:numbers.${}': prefixed('settings:numbers.', Object.keys(settingLimits)),
    'settings:numbers.${}Unit': Object.keys(settingLimits).map((k) => `settings:numbers.${k}Unit`),
    'settings:theme.${}': prefixed('settings:theme.', Themes),
    'common:vmState.${}': open('common:vmState.'),
    'common:${}.${}': labelled.flatMap((kind) => open(`common:${kind}.`)),
    'console:state.${}': prefixed('console:state.', ConsoleVmState.options),
    'inventory:confirm.body.${}': prefixed('inventory:confirm.body.', confirmedActionList),
    'inventory:skipped.${}': prefixed('inventory:skipped.', blockReasons),
    'inventory:why.${}': prefixed('inventory:why.', blockReasons),
    'inventory:wizard.disk_${}': prefixed('inventory:wizard.disk_', ['new', 'existing', 'none']),
    'inventory:wizard.gen${}': prefixed('inventory:wizard.gen', [1, 2]),
    'ledger:outcome.${}': prefixed('ledger:outcome.', LedgerOutcome.options),
    'p2v:check.${}': prefixed('p2v:check.', ChecklistItem.options),
    'p2v:remove.left.${}': prefixed('p2v:remove.left.', P2vLeftBehind.options),
    'p2v:level.${}': prefixed('p2v:level.', Finding.shape.level.options),
    'p2v:role.${}': prefixed('p2v:role.', PartitionRole.options),
    'p2v:status.${}': prefixed('p2v:status.', JobStatus.options),
    'p2v:step.${}': prefixed('p2v:step.', StepName.options),
    'shell:mode.${}': prefixed('shell:mode.', AppInfo.shape.mode.options),
    'vmDetails:tab.${}': prefixed('vmDetails:tab.', ['summary', 'settings', 'tasks']),
    // Get-VHD's VhdType is Microsoft.Vhd.PowerShell.VhdType (Unknown, Fixed, Dynamic, Differencing); sent as its name.
    'vmDetails:vhdType.${}': prefixed('vmDetails:vhdType.', ['Unknown', 'Fixed', 'Dynamic', 'Differencing']),
    'hostOverview:storage.role.${}': prefixed('hostOverview:storage.role.', HostStorage.shape.role.options),
    // main process: task titles
    'inventory:taskTitle.${}${}': [...prefixed('inventory:taskTitle.', VmActions), 'inventory:taskTitle.deleteWithFiles'],
    'inventory:taskTitle.bulk.${}': prefixed('inventory:taskTitle.bulk.', VmActions),
    // p2v-pipeline runs these steps as tasks (the others wait for the user)
    'p2v:task.${}': prefixed('p2v:task.', ['capture', 'verify', 'transfer', 'create-vm'] satisfies StepName[]),
  };
}

/** translateRuntimeKey calls whose key is not in the code: each is a key the main process sent, covered by the scan of electron/main. */
const runtimeKeyFields = ['task.titleKey', 's.lastTask.titleKey', 'job.noteKey', 'f.key', 'f.fixKey', 'n.key', 'key'];

describe('locales', () => {
  it('ships every namespace for every supported language, and nothing else', () => {
    expect(readdirSync(localesDir).sort()).toEqual([...supportedLanguages].sort());
    for (const lng of supportedLanguages) {
      expect(readdirSync(join(localesDir, lng)).map((f) => f.replace(/\.json$/, '')).sort(), lng).toEqual([...namespaces].sort());
    }
  });

  it('has the same keys in every language', () => {
    const enKeys = [...locales.en!.keys()].sort();
    expect(enKeys.length).toBeGreaterThan(600);
    expect([...locales['zh-TW']!.keys()].sort()).toEqual(enKeys);
  });

  it('has no empty or non-string values, and the same placeholders across languages', () => {
    for (const [lng, map] of Object.entries(locales)) {
      for (const [key, value] of map) {
        expect(typeof value, `${lng}:${key}`).toBe('string');
        expect((value as string).trim(), `${lng}:${key}`).not.toBe('');
        expect(placeholders(value as string), `${lng}:${key}`).toEqual(placeholders(locales.en!.get(key) as string));
      }
    }
  });

  it('has every key the code asks for, including template keys and the keys the main process sends', () => {
    const uses = usedKeys(sources, namespaces);
    // The scan must see the code: static keys, template keys and main-side keys all in numbers.
    expect(uses.keys.filter((u) => !u.key.includes('${}')).length).toBeGreaterThan(400);
    expect(uses.keys.filter((u) => u.key.includes('${}')).length).toBeGreaterThan(30);
    expect(uses.keys.filter((u) => u.where.startsWith('electron/')).length).toBeGreaterThan(40);

    const result = checkKeys({ sources, locales, namespaces, patterns: dynamicKeys() });
    expect(result.unresolved, 'template keys with no entry in dynamicKeys(): list what they can produce').toEqual([]);
    expect(result.stale, 'dynamicKeys() entries no code uses any more').toEqual([]);
    expect(result.missing).toEqual([]);
  });

  it('counts VMs in zh-TW with one measure word, 台, wherever a number stands before 虛擬機器', () => {
    // A count ({{count}}, a digit, 幾/兩/每) then 虛擬機器 with anything but 台 between them: 個, 部, or nothing.
    const wrongCount = /(?:\}\}|[0-9幾兩每])\s*(?!台)[個部具座]?\s*虛擬機器/;
    expect(wrongCount.test('{{count}} 個虛擬機器') && wrongCount.test('3 虛擬機器') && !wrongCount.test('{{count}} 台虛擬機器')).toBe(true);
    const wrong = [...locales['zh-TW']!].filter(([, v]) => typeof v === 'string' && (wrongCount.test(v) || /[個部]虛擬機器/.test(v)));
    expect(wrong.map(([k, v]) => `${k}: ${String(v)}`)).toEqual([]);
  });

  it('accepts a key the compiler cannot check only where the main process sent it', () => {
    const opaque = usedKeys(sources, namespaces).opaque.map((o) => o.key);
    expect(opaque.length).toBeGreaterThan(0);
    expect(opaque.filter((k) => !runtimeKeyFields.includes(k))).toEqual([]);
  });
});

describe('the key check (fixture)', () => {
  const fixture = join(__dirname, 'fixtures/i18n');
  const json = (p: string) => JSON.parse(readFileSync(join(fixture, p), 'utf8')) as Tree;
  const fixtureLocales = {
    en: flattenLanguage({ common: json('en/common.json'), demo: json('en/demo.json') }),
    'zh-TW': flattenLanguage({ common: json('zh-TW/common.json'), demo: json('zh-TW/demo.json') }),
  };
  const fixtureSources = [read('renderer')(join(fixture, 'demo-view.tsx.txt')), read('main')(join(fixture, 'demo-service.ts.txt'))];
  const patterns = {
    'common:vmState.${}': prefixed('common:vmState.', ['Running', 'Off']),
    'demo:task.${}': prefixed('demo:task.', ['start', 'stop']),
  };
  const ns = ['common', 'demo'];

  it('reads the fixture files', () => {
    expect(leaves(json('en/common.json')).size).toBe(3);
  });

  it('reports a template key missing in one language, a missing static key and a missing main-side key', () => {
    const r = checkKeys({ sources: fixtureSources, locales: fixtureLocales, namespaces: ns, patterns });
    expect(r.missing.map((m) => m.split(' (')[0]).sort()).toEqual(['en demo:task.stop', 'zh-TW common:vmState.Off', 'zh-TW demo:greeting', 'zh-TW demo:task.stop']);
    expect(r.unresolved).toEqual([]);
  });

  it('fails on a template key it cannot resolve, and on a table entry no code uses', () => {
    const r = checkKeys({
      sources: fixtureSources,
      locales: fixtureLocales,
      namespaces: ns,
      patterns: { 'demo:task.${}': patterns['demo:task.${}'], 'demo:gone.${}': ['demo:gone.x'] },
    });
    expect(r.unresolved.map((u) => u.split(' (')[0])).toEqual(['common:vmState.${}']);
    expect(r.stale).toEqual(['demo:gone.${}']);
  });

  it('qualifies bare keys with the file namespace and ignores the condition of a ternary', () => {
    const keys = usedKeys(fixtureSources, ns).keys.map((k) => k.key);
    expect(keys).toContain('demo:greeting');
    expect(keys).toContain('demo:title');
    expect(keys).not.toContain('demo:on');
    expect(keys).toContain('common:save');
  });
});
