import type { HostView } from '../../../../shared/features/hosts/hosts.contract';
import { hostSecretKey, type SecretStore } from '../../platform/sessions/secret-store';
import type { HostShellSettings, HostShellSource } from './shell-launch';

/** The slice of the session registry the terminal reads: the managed hosts and their settings. */
export interface HostLister {
  list(): Promise<HostView[]>;
  /** The app's own known_hosts: a host's shell checks its key there, as its sessions do (strict). */
  readonly sshKnownHostsFile?: string;
}

/** Adapts the host store (helper S's session registry + secret store) to what a terminal tab needs. */
export function hostShellSource(hosts: HostLister, secrets: SecretStore): HostShellSource {
  const toSettings = (h: HostView): HostShellSettings | undefined => {
    switch (h.transport) {
      case 'local':
        return { id: h.id, name: h.name, transport: 'local' };
      case 'lab':
        return h.labStateDir ? { id: h.id, name: h.name, transport: 'lab', stateDir: h.labStateDir } : undefined;
      case 'ssh':
        if (!h.address) return undefined;
        return {
          id: h.id,
          name: h.name,
          transport: 'ssh',
          hostName: h.address,
          port: h.port,
          userName: h.userName,
          keyFilePath: h.keyFilePath,
          knownHostsFile: h.sshOptions?.UserKnownHostsFile ?? hosts.sshKnownHostsFile,
        };
      case 'winrm':
        if (!h.address) return undefined;
        return {
          id: h.id,
          name: h.name,
          transport: 'winrm',
          computerName: h.address,
          port: h.port,
          useSsl: h.useSsl,
          authentication: h.authentication,
          userName: h.userName,
          password: h.hasCredential ? async () => (await secrets.get(hostSecretKey(h.id))) ?? null : undefined,
        };
    }
  };
  const all = async () => (await hosts.list()).map(toSettings).filter((h): h is HostShellSettings => h !== undefined);
  return {
    list: all,
    get: async (id) => (await all()).find((h) => h.id === id),
  };
}
