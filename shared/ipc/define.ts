import type { z } from 'zod';

/** A request/response channel: the renderer sends `input`, main answers with `output`. */
export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

/** A main→renderer event with a payload. Big state is signalled ("changed") and pulled, not pushed. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
}

export const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> => ({
  input,
  output,
});

export const event = <P extends z.ZodType>(payload: P): EventDef<P> => ({ payload });
