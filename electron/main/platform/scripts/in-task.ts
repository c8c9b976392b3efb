import type { TaskContext } from '../tasks/tasks.port';
import type { ScriptDef } from './script-def';
import type { CallOptions, ScriptRunner } from './script-runner';

/**
 * Runs a script as part of a task: the task's signal cancels it, Write-Progress moves the task's bar, and the
 * call's ledger id joins the task, so "View PowerShell" shows exactly what ran.
 */
export async function runInTask<P extends Record<string, unknown>, R>(
  ctx: TaskContext,
  runner: ScriptRunner,
  def: ScriptDef<P, R>,
  params: P,
  opts: Omit<CallOptions, 'signal'> & { progress?: boolean } = {},
): Promise<R> {
  const { progress = true, ...rest } = opts;
  try {
    const answer = await runner.run(def, params, {
      ...rest,
      signal: ctx.signal,
      ...(progress ? { onProgress: (p) => ctx.progress(p.percent >= 0 ? p.percent : undefined, p.status) } : {}),
    });
    if (answer.ledgerId) ctx.addLedgerId(answer.ledgerId);
    return answer.value;
  } catch (err) {
    const ledgerId = (err as { ledgerId?: unknown }).ledgerId;
    if (typeof ledgerId === 'string') ctx.addLedgerId(ledgerId);
    throw err;
  }
}
