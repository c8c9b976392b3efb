import type { VmDetails } from '../../../../shared/features/inventory/vm-details.schema';
import type { VmSettingsChange } from '../../../../shared/features/inventory/vm-settings.schema';

const MB = 1024 * 1024;

/** The editor's working copy: memory in MB (what people type), everything else as Hyper-V names it. */
export interface SettingsDraft {
  processorCount: number;
  dynamic: boolean;
  startupMb: number;
  minimumMb: number;
  maximumMb: number;
  buffer: number;
  priority: number;
  notes: string;
  checkpointType: string;
  automaticStartAction: string;
  automaticStartDelay: number;
  automaticStopAction: string;
  adapters: Record<string, string | null>;
  dvds: Record<string, string | null>;
  bootOrder: string[];
  secureBoot: boolean;
  secureBootTemplate: string;
  tpm: boolean | null;
}

const dvdKey = (d: { controllerNumber: number; controllerLocation: number }) => `${d.controllerNumber}:${d.controllerLocation}`;

export function draftFrom(d: VmDetails): SettingsDraft {
  return {
    processorCount: d.processor.count,
    dynamic: d.memory.dynamic,
    startupMb: Math.round(d.memory.startup / MB),
    minimumMb: Math.round(d.memory.minimum / MB),
    maximumMb: Math.round(d.memory.maximum / MB),
    buffer: d.memory.buffer,
    priority: d.memory.priority,
    notes: d.notes,
    checkpointType: d.checkpointType,
    automaticStartAction: d.automaticStartAction,
    automaticStartDelay: d.automaticStartDelay,
    automaticStopAction: d.automaticStopAction,
    adapters: Object.fromEntries(d.networkAdapters.map((n) => [n.id, n.switchName])),
    dvds: Object.fromEntries(d.dvdDrives.map((x) => [dvdKey(x), x.path])),
    bootOrder: d.bootOrder.map((b) => b.kind),
    secureBoot: d.firmware?.secureBoot ?? false,
    secureBootTemplate: d.firmware?.secureBootTemplate ?? '',
    tpm: d.tpmEnabled,
  };
}

/** Only what differs from the VM as read becomes part of the change. */
export function changeFrom(d: VmDetails, draft: SettingsDraft): VmSettingsChange {
  const base = draftFrom(d);
  const c: VmSettingsChange = {};
  if (draft.processorCount !== base.processorCount) c.processor = { count: draft.processorCount };
  const memChanged = (['dynamic', 'startupMb', 'minimumMb', 'maximumMb', 'buffer', 'priority'] as const).some((k) => draft[k] !== base[k]);
  if (memChanged) {
    c.memory = {
      dynamic: draft.dynamic,
      startup: draft.startupMb * MB,
      ...(draft.dynamic ? { minimum: draft.minimumMb * MB, maximum: draft.maximumMb * MB, buffer: draft.buffer } : {}),
      priority: draft.priority,
    };
  }
  if (draft.notes !== base.notes) c.notes = draft.notes;
  if (draft.checkpointType !== base.checkpointType) c.checkpointType = draft.checkpointType as VmSettingsChange['checkpointType'];
  if (draft.automaticStartAction !== base.automaticStartAction) c.automaticStartAction = draft.automaticStartAction as VmSettingsChange['automaticStartAction'];
  if (draft.automaticStartDelay !== base.automaticStartDelay) c.automaticStartDelay = draft.automaticStartDelay;
  if (draft.automaticStopAction !== base.automaticStopAction) c.automaticStopAction = draft.automaticStopAction as VmSettingsChange['automaticStopAction'];
  const adapters = Object.entries(draft.adapters).filter(([id, sw]) => base.adapters[id] !== sw);
  if (adapters.length) c.networkAdapters = adapters.map(([id, switchName]) => ({ id, switchName }));
  const dvds = Object.entries(draft.dvds).filter(([k, p]) => (base.dvds[k] ?? null) !== (p || null));
  if (dvds.length) {
    c.dvdDrives = dvds.map(([k, path]) => {
      const [n, l] = k.split(':').map(Number);
      return { controllerNumber: n ?? 0, controllerLocation: l ?? 0, path: path || null };
    });
  }
  if (draft.bootOrder.join(',') !== base.bootOrder.join(',')) c.bootOrder = draft.bootOrder;
  if (d.generation === 2 && (draft.secureBoot !== base.secureBoot || (draft.secureBoot && draft.secureBootTemplate !== base.secureBootTemplate))) {
    c.secureBoot = { enabled: draft.secureBoot, ...(draft.secureBootTemplate ? { template: draft.secureBootTemplate } : {}) };
  }
  if (d.generation === 2 && draft.tpm !== null && draft.tpm !== base.tpm) c.tpm = draft.tpm;
  return c;
}
