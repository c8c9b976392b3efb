import type { Dispatcher } from '../main/platform/ipc/dispatcher';
import type { EventBus } from '../main/platform/ipc/event-bus';

/** The slice of the composed app services the gateway needs (tests pass fakes with the same shape). */
export interface GatewayServices {
  readonly dispatcher: Pick<Dispatcher, 'dispatch'>;
  readonly bus: Pick<EventBus, 'subscribe'>;
}
