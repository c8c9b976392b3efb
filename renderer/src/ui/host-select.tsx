/** The minimum a host option needs: every view's host list has at least this. */
export interface HostOption {
  id: string;
  name: string;
}

/**
 * A labelled host picker, the same in every view that works on one host. `anyLabel` adds a first option with
 * the value '' (e.g. "All hosts" in a filter).
 */
export function HostSelect({
  label,
  hosts,
  value,
  onChange,
  testId,
  anyLabel,
}: {
  label: string;
  hosts: readonly HostOption[];
  value: string;
  onChange(hostId: string): void;
  testId?: string;
  anyLabel?: string;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </select>
    </label>
  );
}
