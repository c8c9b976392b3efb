export type VmItem = { vmId: string; name: string; state: string };

/**
 * The host's VMs by name (natural order: VM2 before VM10), each with its state as it is now: the inventory's
 * rows follow every state change (its events), so a VM started elsewhere shows Running without a re-read.
 */
export function pickerVms(listed: readonly VmItem[], live: ReadonlyMap<string, string>, locale: string): VmItem[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  return listed.map((v) => ({ ...v, state: live.get(v.vmId.toLowerCase()) ?? v.state })).sort((a, b) => collator.compare(a.name, b.name));
}
