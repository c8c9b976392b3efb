import { z } from 'zod';

/**
 * The agent protocol (electron/main/platform/powershell/agent/hyperdesk-agent.ps1): newline-delimited JSON both ways.
 * Requests carry script text and arguments as data; frames carry results, structured errors and progress.
 */
export const PsErrorInfo = z.object({
  message: z.string(),
  category: z.string(),
  fqid: z.string(),
  target: z.string().nullable().optional(),
  line: z.number().nullable().optional(),
  position: z.string().nullable().optional(),
  exceptionType: z.string(),
  transport: z.boolean(),
  errorCode: z.number().optional(),
});
export type PsErrorInfo = z.infer<typeof PsErrorInfo>;

const Streams = z.object({
  warnings: z.array(z.string()),
  verbose: z.array(z.string()),
  information: z.array(z.string()),
});
export type PsStreams = z.infer<typeof Streams>;

export const agentErrorCodes = ['PS_ERROR', 'TRANSPORT', 'TIMEOUT', 'CANCELLED', 'TOO_LARGE', 'NO_SESSION', 'BAD_REQUEST'] as const;

export const Frame = z.discriminatedUnion('t', [
  z.object({ id: z.number(), t: z.literal('ready'), psVersion: z.string(), edition: z.string(), pid: z.number() }),
  z.object({ id: z.number(), t: z.literal('pong'), sessions: z.number(), active: z.number() }),
  z.object({ id: z.number(), t: z.literal('opened'), key: z.string(), sessionState: z.string().nullable() }),
  z.object({ id: z.number(), t: z.literal('closed'), key: z.string() }),
  z.object({
    id: z.number(),
    t: z.literal('progress'),
    percent: z.number(),
    status: z.string(),
    activity: z.string(),
  }),
  z.object({
    id: z.number(),
    t: z.literal('result'),
    data: z.string(),
    sessionState: z.string().nullable(),
    streams: Streams,
  }),
  z.object({
    id: z.number(),
    t: z.literal('error'),
    code: z.enum(agentErrorCodes),
    message: z.string(),
    errors: z.array(PsErrorInfo),
    sessionState: z.string().nullable().optional(),
    streams: Streams.optional(),
  }),
]);
export type Frame = z.infer<typeof Frame>;
export type ResultFrame = Extract<Frame, { t: 'result' }>;
export type ErrorFrame = Extract<Frame, { t: 'error' }>;
export type ProgressFrame = Extract<Frame, { t: 'progress' }>;

/** What a remote session is opened with. Secrets never live here: the password travels beside it, once. */
export interface OpenSpec {
  transport: 'ssh' | 'winrm';
  hostName: string;
  port?: number;
  userName?: string;
  keyFilePath?: string;
  sshOptions?: Record<string, string>;
  useSsl?: boolean;
  authentication?: string;
}

export type AgentRequest =
  | { id: number; kind: 'ping' }
  | { id: number; kind: 'open'; key: string; spec: OpenSpec; password?: string; timeoutMs: number }
  | { id: number; kind: 'run'; key: string | null; script: string; args: Record<string, unknown>; timeoutMs: number; maxChars?: number }
  | { id: number; kind: 'cancel'; target: number }
  | { id: number; kind: 'close'; key: string; timeoutMs: number };

/**
 * Splits a byte stream into lines without assuming chunk boundaries fall on line or character boundaries.
 * Keeps raw Buffers until a newline arrives so multi-byte UTF-8 characters split across chunks decode intact.
 * A line longer than maxLineBytes is dropped (reported through onOversize) instead of growing memory forever.
 */
export class LineDecoder {
  private chunks: Buffer[] = [];
  private size = 0;
  private skipping = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineBytes = 256 * 1024 * 1024,
    private readonly onOversize: (bytes: number) => void = () => undefined,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      const piece = chunk.subarray(start, end);
      if (!this.skipping) {
        this.chunks.push(piece);
        this.size += piece.length;
        if (this.size > this.maxLineBytes) {
          this.onOversize(this.size);
          this.chunks = [];
          this.skipping = true;
        }
      }
      if (nl === -1) return;
      if (!this.skipping) {
        let line = Buffer.concat(this.chunks, this.size).toString('utf8');
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (line.length > 0) this.onLine(line);
      }
      this.chunks = [];
      this.size = 0;
      this.skipping = false;
      start = nl + 1;
    }
  }

  /** Bytes of an unfinished line (for diagnostics when the process exits mid-frame). */
  get pending(): number {
    return this.size;
  }
}

export function parseFrame(line: string): Frame | { invalid: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { invalid: line.slice(0, 200) };
  }
  const parsed = Frame.safeParse(raw);
  return parsed.success ? parsed.data : { invalid: line.slice(0, 200) };
}
