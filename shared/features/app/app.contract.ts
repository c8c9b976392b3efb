import { z } from 'zod';
import { channel, event } from '../../ipc/define';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['desktop', 'browser']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appChannels = {
  'app.info': channel(z.object({}), AppInfo),
};

export const appEvents = {
  /** Sent once to a client right after it connects, so it knows events are flowing. */
  'app.ready': event(z.object({ at: z.string() })),
};
