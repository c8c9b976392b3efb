import type { FeatureModule } from '../../platform/ipc/handlers';
import type { ClientPresence } from '../../platform/live/client-presence';
import type { TerminalService } from './terminal.service';
import { targetOptions, type HostShellSource } from './shell-launch';

export interface TerminalFeatureDeps {
  service: TerminalService;
  hosts: HostShellSource;
  presence: ClientPresence;
}

/** The embedded terminal's channels. Every call acts for the calling client only (ctx.clientId). */
export function createTerminalFeature(deps: TerminalFeatureDeps): FeatureModule {
  const { service } = deps;
  // A shell is not a lease that lapses: it outlives its client by a grace period so a reload or a reconnect can
  // take it over with terminal.attach (ownership moves, scrollback replays), and nothing renews it meanwhile. So
  // the terminal uses only the presence half of platform/live (the client's live.hold ended), not a LeaseTable.
  const offPresence = deps.presence.onGone((clientId) => service.clientGone(clientId));
  return {
    name: 'terminal',
    handlers: {
      'terminal.targets': async () => targetOptions(await deps.hosts.list()),
      'terminal.open': (input, ctx) => service.open(ctx.clientId, input.target, { cols: input.cols, rows: input.rows }),
      'terminal.attach': (input, ctx) => service.attach(ctx.clientId, input.sessionId),
      'terminal.list': (_input, ctx) => service.list(ctx.clientId),
      'terminal.input': (input, ctx) => {
        service.input(ctx.clientId, input.sessionId, input.data);
        return {};
      },
      'terminal.resize': (input, ctx) => {
        service.resize(ctx.clientId, input.sessionId, input.cols, input.rows);
        return {};
      },
      'terminal.ack': (input, ctx) => {
        service.ack(ctx.clientId, input.sessionId, input.chars);
        return {};
      },
      'terminal.close': (input, ctx) => {
        service.close(ctx.clientId, input.sessionId);
        return {};
      },
    },
    dispose: () => {
      offPresence();
      service.dispose();
    },
  };
}
