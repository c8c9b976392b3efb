import type { VmDetails } from '../../../../shared/features/inventory/vm-details.schema';
import type { AdapterChange, VmSettingsChange } from '../../../../shared/features/inventory/vm-settings.schema';

const MB = 1024 * 1024;
export const GB = 1024 * MB;
/** Hyper-V Manager shows bandwidth in Mbps; Hyper-V takes bits per second. */
const MBPS = 1_000_000;

/** One adapter's policy as the editor shows it (Hyper-V Manager's Network Adapter and Advanced Features pages). */
export interface NicDraft {
  /** 0 = no VLAN (untagged). */
  vlanId: number;
  vlanEnabled: boolean;
  staticMac: boolean;
  mac: string;
  macSpoofing: boolean;
  /** 0 = no limit / no reservation. */
  maxMbps: number;
  minMbps: number;
}

export interface NewDiskDraft {
  kind: 'new' | 'existing';
  path: string;
  sizeGb: number;
}

/** A disk's place on the VM, the key Hyper-V addresses it by. */
export const diskKey = (d: { controllerType: string; controllerNumber: number; controllerLocation: number }) => `${d.controllerType}/${d.controllerNumber}/${d.controllerLocation}`;

export function nicDraftFrom(n: VmDetails['networkAdapters'][number]): NicDraft {
  return {
    vlanId: n.vlanId,
    vlanEnabled: n.vlanId > 0,
    staticMac: !n.dynamicMac,
    mac: n.macAddress,
    macSpoofing: n.macSpoofing,
    maxMbps: n.maximumBandwidth ? Math.round(n.maximumBandwidth / MBPS) : 0,
    minMbps: n.minimumBandwidthAbsolute ? Math.round(n.minimumBandwidthAbsolute / MBPS) : 0,
  };
}

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
  nics: Record<string, NicDraft>;
  addAdapters: { switchName: string | null }[];
  removeAdapters: string[];
  dvds: Record<string, string | null>;
  /** A DVD drive to add (offered when the VM has none). */
  addDvd: { path: string } | null;
  addDisks: NewDiskDraft[];
  /** Disk key -> the size to expand to, in GB. */
  resizeGb: Record<string, number>;
  /** Disk key -> detach, and whether to delete its file too. */
  removeDisks: Record<string, { deleteFile: boolean }>;
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
    nics: Object.fromEntries(d.networkAdapters.map((n) => [n.id, nicDraftFrom(n)])),
    addAdapters: [],
    removeAdapters: [],
    dvds: Object.fromEntries(d.dvdDrives.map((x) => [dvdKey(x), x.path])),
    addDvd: null,
    addDisks: [],
    resizeGb: {},
    removeDisks: {},
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
  const nics = adapterChanges(d, draft, base);
  if (nics.length) c.networkAdapters = nics;
  if (draft.removeAdapters.length) c.removeAdapters = [...draft.removeAdapters];
  if (draft.addAdapters.length) c.addAdapters = draft.addAdapters.map((a) => ({ switchName: a.switchName }));
  if (draft.addDvd) c.addDvdDrive = { path: draft.addDvd.path.trim() || null };
  if (draft.addDisks.length) {
    c.addDisks = draft.addDisks.map((x) => (x.kind === 'new' ? { kind: 'new' as const, path: x.path.trim(), sizeBytes: Math.round(x.sizeGb * GB) } : { kind: 'existing' as const, path: x.path.trim() }));
  }
  const removed = Object.entries(draft.removeDisks);
  const resized = d.hardDrives.filter((h) => draft.resizeGb[diskKey(h)] !== undefined && !draft.removeDisks[diskKey(h)]);
  if (resized.length) c.resizeDisks = resized.map((h) => ({ ...place(h), sizeBytes: Math.round((draft.resizeGb[diskKey(h)] ?? 0) * GB) }));
  if (removed.length) {
    c.removeDisks = d.hardDrives.filter((h) => draft.removeDisks[diskKey(h)]).map((h) => ({ ...place(h), deleteFile: draft.removeDisks[diskKey(h)]?.deleteFile ?? false }));
  }
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

const place = (h: { controllerType: string; controllerNumber: number; controllerLocation: number }) => ({
  controllerType: h.controllerType === 'IDE' ? ('IDE' as const) : ('SCSI' as const),
  controllerNumber: h.controllerNumber,
  controllerLocation: h.controllerLocation,
});

/** One entry per adapter that changes (and is not being removed), naming only the fields that differ. */
function adapterChanges(d: VmDetails, draft: SettingsDraft, base: SettingsDraft): AdapterChange[] {
  const out: AdapterChange[] = [];
  for (const n of d.networkAdapters) {
    if (draft.removeAdapters.includes(n.id)) continue;
    const a: AdapterChange = { id: n.id };
    const sw = draft.adapters[n.id] ?? null;
    if (sw !== (base.adapters[n.id] ?? null)) a.switchName = sw;
    const now = draft.nics[n.id];
    const was = base.nics[n.id];
    if (now && was) {
      const vlan = now.vlanEnabled ? now.vlanId : 0;
      if (vlan !== (was.vlanEnabled ? was.vlanId : 0)) a.vlanId = vlan;
      if (now.staticMac !== was.staticMac || (now.staticMac && now.mac.replace(/[-:\s]/g, '').toUpperCase() !== was.mac.toUpperCase())) a.mac = now.staticMac ? now.mac.trim() : null;
      if (now.macSpoofing !== was.macSpoofing) a.macSpoofing = now.macSpoofing;
      if (now.maxMbps !== was.maxMbps) a.maximumBandwidth = Math.round(now.maxMbps * MBPS);
      if (now.minMbps !== was.minMbps) a.minimumBandwidthAbsolute = Math.round(now.minMbps * MBPS);
    }
    if (Object.keys(a).length > 1) out.push(a);
  }
  return out;
}
