import type { DocumentProblem } from './document-store';

/** Where a store reports a state file it set aside; `StateFiles.problems` carries one to every store of the app. */
export interface DocumentProblemSink {
  report(problem: DocumentProblem): void;
}

/**
 * The app's list of state files that could not be used this run (prefs, tags, hosts, groups, roles, P2V jobs,
 * the bad lines of tasks.jsonl): each store reports what it set aside here, and the app feature serves the list
 * (`app.problems`) so the shell can tell the user which file it was and where the original was kept. The
 * platform collects; no feature is imported. Dismissing hides a problem for this run (the file stays aside).
 */
export class DocumentProblems implements DocumentProblemSink {
  private readonly problems: DocumentProblem[] = [];
  private readonly dismissed = new Set<string>();

  constructor(private readonly onChange: () => void = () => undefined) {}

  report(problem: DocumentProblem): void {
    // One entry per file kept aside: a store reporting twice (a retried load) adds nothing.
    if (this.problems.some((p) => p.keptAt === problem.keptAt)) return;
    this.problems.push({ ...problem });
    this.onChange();
  }

  /** The problems the user has not dismissed, oldest first. */
  list(): DocumentProblem[] {
    return this.problems.filter((p) => !this.dismissed.has(p.keptAt)).map((p) => ({ ...p }));
  }

  /** Hides one problem (named by where its file was kept); false when there was none to hide. */
  dismiss(keptAt: string): boolean {
    if (!this.problems.some((p) => p.keptAt === keptAt) || this.dismissed.has(keptAt)) return false;
    this.dismissed.add(keptAt);
    this.onChange();
    return true;
  }
}
