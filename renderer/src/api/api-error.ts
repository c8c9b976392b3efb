import type { ErrorCode, IpcErrorShape, UserMessage } from '../../../shared/ipc/errors';

/** What a failed call throws in the renderer: the envelope's error, with its code from the closed set. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly hostId: string | undefined;
  readonly detail: unknown;
  /** The user's-language message (renderer/src/ui/user-error.ts shows it). */
  readonly user: UserMessage | undefined;

  constructor(shape: IpcErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.hostId = shape.hostId;
    this.detail = shape.detail;
    this.user = shape.user;
  }
}
