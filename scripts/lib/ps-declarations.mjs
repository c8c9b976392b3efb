// Pieces both declaration generators emit the same way (the lab's Hyper-V module and the P2V lab source):
// PowerShell single-quoted literals and [Parameter()] attributes taken from the reference JSON.

export const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

/** The [Parameter(...)] attribute of one reference parameter in one set (setName null: all sets). */
export function paramAttrs(p, setName) {
  const parts = [];
  if (setName) parts.push(`ParameterSetName = ${q(setName)}`);
  if (p.mandatory) parts.push('Mandatory = $true');
  if (p.position !== null && p.position !== undefined) parts.push(`Position = ${p.position}`);
  if (p.valueFromPipeline) parts.push('ValueFromPipeline = $true');
  if (p.valueFromPipelineByPropertyName) parts.push('ValueFromPipelineByPropertyName = $true');
  return `[Parameter(${parts.join(', ')})]`;
}
