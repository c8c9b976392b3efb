import type { Finding, PreflightFacts, SourcePartition } from '../../../../shared/features/p2v/p2v.contract';

/** Partitions the VM cannot boot without: always captured. */
export const requiredRoles = new Set(['system', 'boot', 'efi']);

export const partKey = (p: Pick<SourcePartition, 'diskNumber' | 'partitionNumber'>) => `${p.diskNumber}:${p.partitionNumber}`;

/** The disk Windows boots from (where the boot volume lives). */
export function bootDisk(facts: PreflightFacts) {
  const bootPart = facts.partitions.find((p) => p.role === 'boot' || p.isBoot);
  return facts.disks.find((d) => d.number === bootPart?.diskNumber) ?? facts.disks.find((d) => d.isBoot);
}

/** Bytes Disk2vhd will write for these partitions: used space plus the partition table area. */
export function expectedBytes(parts: SourcePartition[]): number {
  return parts.reduce((sum, p) => sum + (p.usedBytes ?? 0), 0) + 1024 * 1024;
}

/**
 * Turns the source's raw facts into findings with a level and what to do. Pure, so every rule is unit-tested;
 * the wording lives in the renderer's locale files under the keys used here.
 */
export function preflightFindings(facts: PreflightFacts): Finding[] {
  const out: Finding[] = [];
  const add = (f: Omit<Finding, 'values'> & { values?: Finding['values'] }) => out.push({ values: {}, ...f });
  const major = Number.parseInt(facts.os.version.split('.')[0] ?? '0', 10);
  add({ id: 'os', level: major >= 6 ? 'pass' : 'warn', key: 'p2v:find.os', values: { caption: facts.os.caption, version: facts.os.version }, ...(major >= 6 ? {} : { fixKey: 'p2v:fix.osOld' }) });

  const disk = bootDisk(facts);
  const style = disk?.partitionStyle ?? 'Unknown';
  const firmware = facts.firmware;
  const consistent = (firmware === 'BIOS' && style === 'MBR') || (firmware === 'UEFI' && style === 'GPT');
  if (!disk) add({ id: 'firmware', level: 'block', key: 'p2v:find.noBootDisk', fixKey: 'p2v:fix.noBootDisk' });
  else if (consistent) add({ id: 'firmware', level: 'pass', key: 'p2v:find.firmware', values: { firmware, style, generation: style === 'GPT' ? 2 : 1 } });
  else add({ id: 'firmware', level: 'warn', key: 'p2v:find.firmwareMismatch', values: { firmware, style, generation: style === 'GPT' ? 2 : 1 }, fixKey: 'p2v:fix.firmwareMismatch' });
  if (firmware === 'UEFI') add({ id: 'secureBoot', level: 'pass', key: facts.secureBoot ? 'p2v:find.secureBootOn' : 'p2v:find.secureBootOff' });

  for (const p of facts.partitions) {
    add({
      id: `volume:${partKey(p)}`,
      level: 'pass',
      key: 'p2v:find.volume',
      values: {
        name: p.driveLetter ? `${p.driveLetter}:` : p.label || `#${p.partitionNumber}`,
        role: p.role,
        size: p.size,
        used: p.usedBytes ?? 0,
        fs: p.fileSystem ?? '-',
      },
    });
  }
  const letterless = facts.partitions.filter((p) => requiredRoles.has(p.role) && !p.driveLetter);
  if (letterless.length > 0) {
    add({ id: 'letterless', level: 'warn', key: 'p2v:find.letterless', values: { count: letterless.length }, fixKey: 'p2v:fix.letterless' });
  }

  const encrypted = facts.partitions.filter(
    (p) => p.bitLocker && (p.bitLocker.protectionStatus === 'On' || p.bitLocker.volumeStatus !== 'FullyDecrypted'),
  );
  if (encrypted.length > 0) {
    const names = encrypted.map((p) => (p.driveLetter ? `${p.driveLetter}:` : `#${p.partitionNumber}`)).join(', ');
    add({ id: 'bitlocker', level: 'block', key: 'p2v:find.bitlocker', values: { volumes: names }, fixKey: 'p2v:fix.bitlocker' });
  } else add({ id: 'bitlocker', level: 'pass', key: facts.bitLockerAvailable ? 'p2v:find.bitlockerOff' : 'p2v:find.bitlockerAbsent' });

  if (facts.disks.some((d) => d.isBoot && d.fileBacked)) add({ id: 'vhdBoot', level: 'block', key: 'p2v:find.vhdBoot', fixKey: 'p2v:fix.vhdBoot' });
  else add({ id: 'vhdBoot', level: 'pass', key: 'p2v:find.physicalBoot' });

  const needed = Math.ceil(expectedBytes(facts.partitions.filter((p) => p.usedBytes !== null)) * 1.1);
  const t = facts.target;
  if (t.kind === 'none') add({ id: 'target', level: 'warn', key: 'p2v:find.targetUnset', fixKey: 'p2v:fix.targetUnset' });
  else if (t.freeBytes === null) add({ id: 'target', level: 'warn', key: 'p2v:find.targetUnknown', values: { path: t.path, needed }, fixKey: 'p2v:fix.targetUnknown' });
  else if (t.freeBytes < needed) add({ id: 'target', level: 'block', key: 'p2v:find.targetFull', values: { path: t.path, free: t.freeBytes, needed }, fixKey: 'p2v:fix.targetFull' });
  else add({ id: 'target', level: 'pass', key: 'p2v:find.targetOk', values: { path: t.path, free: t.freeBytes, needed } });

  const d2v = facts.disk2vhd;
  if (!d2v.present) add({ id: 'disk2vhd', level: 'block', key: 'p2v:find.disk2vhdMissing', fixKey: 'p2v:fix.disk2vhdMissing' });
  else if (d2v.version === null) add({ id: 'disk2vhd', level: 'warn', key: 'p2v:find.disk2vhdUnknown', values: { path: d2v.path ?? '' }, fixKey: 'p2v:fix.disk2vhd202' });
  else add({ id: 'disk2vhd', level: d2v.version === '2.02' ? 'warn' : 'pass', key: 'p2v:find.disk2vhd', values: { path: d2v.path ?? '', version: d2v.version }, ...(d2v.version === '2.02' ? { fixKey: 'p2v:fix.disk2vhd202' } : {}) });
  return out;
}

export const isBlocked = (findings: Finding[]) => findings.some((f) => f.level === 'block');
