import type { CheckpointInfo } from './checkpoint-schemas';

/**
 * The checkpoint tree as Hyper-V holds it, built only from what the host reported: each checkpoint's
 * ParentSnapshotId, and the VM's own ParentSnapshotId (the checkpoint "Now" runs from). Pure, so the
 * renderer, main (revert, previews) and tests share one model. Iterative throughout: deep chains of
 * hundreds of checkpoints must not overflow the stack.
 */

export const NOW_ID = '__now__';

export interface CheckpointNode {
  readonly kind: 'checkpoint';
  readonly id: string;
  readonly checkpoint: CheckpointInfo;
  /** The parent as placed in the tree (null for a root, also for a checkpoint whose parent is unknown). */
  readonly parentId: string | null;
  readonly children: TreeNode[];
  depth: number;
}

export interface NowNode {
  readonly kind: 'now';
  readonly id: typeof NOW_ID;
  readonly parentId: string | null;
  readonly children: TreeNode[];
  depth: number;
}

export type TreeNode = CheckpointNode | NowNode;

export interface CheckpointTree {
  readonly roots: TreeNode[];
  readonly byId: ReadonlyMap<string, TreeNode>;
  /** The checkpoint "Now" hangs under (null: the VM runs from no checkpoint). */
  readonly nowParentId: string | null;
  /** Checkpoints whose reported parent is not among the checkpoints (shown as roots, flagged). */
  readonly orphanIds: readonly string[];
  readonly size: number;
}

const byCreation = (a: TreeNode, b: TreeNode): number => {
  // "Now" is always the last child: it is the newest state of the branch.
  if (a.kind === 'now') return 1;
  if (b.kind === 'now') return -1;
  const t = a.checkpoint.creationTime.localeCompare(b.checkpoint.creationTime);
  return t !== 0 ? t : a.checkpoint.name.localeCompare(b.checkpoint.name);
};

const lower = (s: string | null | undefined): string | null => (s ? s.toLowerCase() : null);

export function buildCheckpointTree(checkpoints: readonly CheckpointInfo[], vmParentId: string | null): CheckpointTree {
  const byId = new Map<string, TreeNode>();
  for (const cp of checkpoints) {
    const id = cp.id.toLowerCase();
    if (byId.has(id)) continue; // a duplicate report changes nothing
    byId.set(id, { kind: 'checkpoint', id, checkpoint: cp, parentId: lower(cp.parentId), children: [], depth: 0 });
  }
  const roots: TreeNode[] = [];
  const orphanIds: string[] = [];
  const place = (node: TreeNode): void => {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (!node.parentId || !parent) {
      if (node.parentId && node.kind === 'checkpoint') orphanIds.push(node.id);
      roots.push(node);
    } else parent.children.push(node);
  };
  for (const node of byId.values()) place(node);

  const nowParent = lower(vmParentId);
  const now: NowNode = { kind: 'now', id: NOW_ID, parentId: nowParent && byId.has(nowParent) ? nowParent : null, children: [], depth: 0 };
  place(now);
  byId.set(NOW_ID, now);

  // Parent links that form a cycle never come from Hyper-V, but a corrupt report must not hang the UI:
  // break each unreachable cycle at one node, which becomes a (flagged) root.
  let reached = reachedSet(roots);
  while (reached.size < byId.size) {
    const stray = [...byId.values()].find((n) => !reached.has(n.id))!;
    const parent = stray.parentId ? byId.get(stray.parentId) : undefined;
    if (parent) parent.children.splice(parent.children.indexOf(stray), 1);
    roots.push(stray);
    if (stray.kind === 'checkpoint') orphanIds.push(stray.id);
    reached = reachedSet(roots);
  }
  assignDepths(roots);
  sortAll(roots);
  return { roots, byId, nowParentId: now.parentId, orphanIds, size: byId.size };
}

function reachedSet(roots: readonly TreeNode[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    stack.push(...n.children);
  }
  return seen;
}

function assignDepths(roots: readonly TreeNode[]): void {
  const seen = new Set<string>();
  const stack: TreeNode[] = [];
  for (const r of roots) {
    r.depth = 0;
    stack.push(r);
  }
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    for (const c of n.children) {
      c.depth = n.depth + 1;
      stack.push(c);
    }
  }
}

function sortAll(roots: TreeNode[]): void {
  roots.sort(byCreation);
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    n.children.sort(byCreation);
    stack.push(...n.children);
  }
}

/** One visible row of the tree, in display order (pre-order), for a flat, virtualised list. */
export interface TreeRow {
  readonly node: TreeNode;
  readonly depth: number;
  readonly hasChildren: boolean;
  readonly expanded: boolean;
}

export function visibleRows(tree: CheckpointTree, collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const stack: TreeNode[] = [...tree.roots].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    const hasChildren = node.children.length > 0;
    const expanded = hasChildren && !collapsed.has(node.id);
    rows.push({ node, depth: node.depth, hasChildren, expanded });
    if (expanded) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return rows;
}

/** Ids from the node up to its root, the node first. */
export function ancestry(tree: CheckpointTree, id: string): string[] {
  const out: string[] = [];
  let cur = tree.byId.get(id.toLowerCase());
  while (cur && out.length <= tree.size) {
    out.push(cur.id);
    cur = cur.parentId ? tree.byId.get(cur.parentId) : undefined;
  }
  return out;
}

/** The checkpoint and everything below it (what "delete subtree" removes), "Now" excluded. */
export function subtreeCheckpointIds(tree: CheckpointTree, id: string): string[] {
  const start = tree.byId.get(id.toLowerCase());
  if (!start) return [];
  const out: string[] = [];
  const stack: TreeNode[] = [start];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'checkpoint') out.push(n.id);
    stack.push(...n.children);
  }
  return out;
}

/** "Revert" applies this checkpoint: the one directly above Now. */
export function checkpointAboveNow(tree: CheckpointTree): CheckpointInfo | null {
  const node = tree.nowParentId ? tree.byId.get(tree.nowParentId) : undefined;
  return node && node.kind === 'checkpoint' ? node.checkpoint : null;
}

/** Depth of "Now" below the roots: how many checkpoints the running state sits on (its AVHDX chain length). */
export function nowDepth(tree: CheckpointTree): number {
  return tree.byId.get(NOW_ID)?.depth ?? 0;
}

/**
 * Hyper-V's SnapshotType names, as the object reports them (hyperv-objects.md: Standard=0, Recovery=1, Planned=2,
 * Missing=5, Replica=6, AppConsistentReplica=7, SyncedReplica=8). The type says who made a checkpoint (the user,
 * a backup, Hyper-V Replica), not how: a production checkpoint is reported as Standard too, so it is shown as
 * reported, never inferred. Whether it holds memory is its own fact (State; see holdsMemory).
 */
export const SNAPSHOT_TYPES = ['Standard', 'Recovery', 'Planned', 'Missing', 'Replica', 'AppConsistentReplica', 'SyncedReplica'] as const;
export type SnapshotTypeName = (typeof SNAPSHOT_TYPES)[number];

/** The reported type when it is one we have a text for; null for a name a newer host may send (shown raw). */
export function knownSnapshotType(reported: string): SnapshotTypeName | null {
  return (SNAPSHOT_TYPES as readonly string[]).includes(reported) ? (reported as SnapshotTypeName) : null;
}

/** The checkpoint captured the VM's memory (State other than Off): applying it brings the VM back Saved. */
export function holdsMemory(cp: Pick<CheckpointInfo, 'state'>): boolean {
  return cp.state !== 'Off';
}
