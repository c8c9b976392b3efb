// `npm run lab -- --hosts 3 [--scenario small-shop|fleet|empty|contoso-datacenter] [--vms-per-node N]`: starts lab
// hosts reachable over PowerShell SSH remoting on loopback (test/support/lab-hosts/ssh-lab-hosts.ts), prints how to
// connect, and keeps them up until Ctrl+C. contoso-datacenter serves every host of the datacenter (HQ: HV-C01..03,
// HV-S01; DR: HV-DR01) unless --hosts says fewer; --vms-per-node tops each cluster node up to N VMs.
import { require as tsxRequire } from 'tsx/cjs/api';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const scenario = arg('scenario', 'empty');
const hostsArg = arg('hosts', scenario === 'contoso-datacenter' ? '' : '3');
const count = hostsArg === '' ? undefined : Number(hostsArg);
const vmsArg = arg('vms-per-node', '');
const vmsPerNode = vmsArg === '' ? undefined : Number(vmsArg);
if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > 16)) {
  console.error('--hosts must be a whole number from 1 to 16');
  process.exit(2);
}
if (!['empty', 'small-shop', 'fleet', 'contoso-datacenter'].includes(scenario)) {
  console.error('--scenario must be empty, small-shop, fleet or contoso-datacenter');
  process.exit(2);
}
if (vmsPerNode !== undefined && (scenario !== 'contoso-datacenter' || !Number.isInteger(vmsPerNode) || vmsPerNode < 0 || vmsPerNode > 500)) {
  console.error('--vms-per-node is a whole number from 0 to 500, for --scenario contoso-datacenter');
  process.exit(2);
}

const { startSshLabHosts, newPsSessionCommand } = tsxRequire('../test/support/lab-hosts/ssh-lab-hosts.ts', import.meta.url);

console.log(`lab: starting ${count ?? 'every'} lab host(s), scenario ${scenario}...`);
const lab = await startSshLabHosts({ scenario, ...(count !== undefined ? { count } : {}), ...(vmsPerNode !== undefined ? { vmsPerNode } : {}) });
for (const h of lab.hosts) {
  console.log(`\n${h.name}${h.site ? `  site ${h.site}` : ''}  (state: ${h.stateDir})`);
  // Exactly the add-host dialog's fields, in its order, and the fingerprint its first-contact step shows.
  console.log('  In Hyperdesk: Add host… → Connection: SSH');
  console.log(`    Display name:         ${h.name}`);
  console.log(`    Host name or address: ${h.hostName}`);
  console.log(`    Port:                 ${h.port}`);
  console.log(`    User name:            ${h.userName}`);
  console.log(`    Private key file:     ${h.keyFilePath}`);
  console.log(`    Trust the host key:   ${h.hostKeyFingerprint()}  (the dialog shows it on first contact)`);
  console.log('  From PowerShell:');
  console.log(`    $s = ${newPsSessionCommand(h)}`);
  console.log('    Invoke-Command -Session $s { Get-VM }');
}
console.log('\nlab: running; press Ctrl+C to stop.');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nlab: stopping...');
  await lab.dispose();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30); // keep the event loop alive until a signal arrives
