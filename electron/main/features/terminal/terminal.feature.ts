import type { FeatureModule } from '../../platform/ipc/handlers';
import type { TerminalService } from '../../terminal/terminal-service';
import { targetOptions, type HostShellSource } from '../../terminal/shell-launch';

export interface TerminalFeatureDeps {
  service: TerminalService;
  hosts: HostShellSource;
}


/** The embedded terminal's channels. Every call acts for the calling client only (ctx.clientId). */
export function createTerminalFeature(deps: TerminalFeatureDeps): FeatureModule {
  const { service } = deps;
  // Open terminal.hold calls per client: when the last one is aborted by its transport, the client is gone.
  const holds = new Map<string, number>();
  return {
    name: 'terminal',
    handlers: {
      'terminal.hold': async (_input, ctx) => {
        holds.set(ctx.clientId, (holds.get(ctx.clientId) ?? 0) + 1);
        await new Promise<void>((resolve) => {
          if (ctx.signal.aborted) resolve();
          else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
        });
        const left = (holds.get(ctx.clientId) ?? 1) - 1;
        if (left > 0) holds.set(ctx.clientId, left);
        else {
          holds.delete(ctx.clientId);
          service.clientGone(ctx.clientId);
        }
        return {};
      },
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
    dispose: () => service.dispose(),
  };
}
