import { describe, expect, it } from 'vitest';
import {
  NOW_ID,
  ancestry,
  buildCheckpointTree,
  checkpointAboveNow,
  nowDepth,
  subtreeCheckpointIds,
  visibleRows,
  type TreeNode,
} from '../../../shared/features/checkpoints/checkpoint-tree';
import { cp, gid } from './checkpoint-fixtures';

const names = (nodes: readonly TreeNode[]) => nodes.map((n) => (n.kind === 'now' ? 'NOW' : n.checkpoint.name));

describe('buildCheckpointTree', () => {
  it('places Now under the VM parent checkpoint and keeps it the last child', () => {
    const list = [cp('A', null), cp('B', 'A'), cp('C', 'B'), cp('B2', 'A')];
    const tree = buildCheckpointTree(list, gid('A'));
    expect(names(tree.roots)).toEqual(['A']);
    const a = tree.byId.get(gid('A'))!;
    expect(names(a.children)).toEqual(['B', 'B2', 'NOW']);
    expect(tree.byId.get(NOW_ID)!.depth).toBe(1);
    expect(checkpointAboveNow(tree)?.name).toBe('A');
  });

  it('orders siblings by creation time, not by input order', () => {
    const late = cp('late', null, { creationTime: '2024-05-01T00:00:00.000Z' });
    const early = cp('early', null, { creationTime: '2023-05-01T00:00:00.000Z' });
    const tree = buildCheckpointTree([late, early], null);
    expect(names(tree.roots)).toEqual(['early', 'late', 'NOW']);
    expect(checkpointAboveNow(tree)).toBeNull();
  });

  it('matches ids case-insensitively (PowerShell may print GUIDs in either case)', () => {
    const a = cp('A', null);
    const b = { ...cp('B', null), parentId: a.id.toUpperCase() };
    const tree = buildCheckpointTree([a, b], a.id.toUpperCase());
    expect(names(tree.byId.get(gid('A'))!.children)).toEqual(['B', 'NOW']);
  });

  it('shows a checkpoint whose parent is missing as a flagged root', () => {
    const tree = buildCheckpointTree([cp('A', null), cp('lost', 'gone')], gid('A'));
    expect(names(tree.roots)).toEqual(['A', 'lost']);
    expect(tree.orphanIds).toEqual([gid('lost')]);
  });

  it('breaks a corrupt parent cycle instead of hanging', () => {
    const x = cp('X', 'Y');
    const y = cp('Y', 'X');
    const tree = buildCheckpointTree([x, y], null);
    const rows = visibleRows(tree, new Set());
    expect(rows).toHaveLength(3);
    expect(tree.orphanIds.length).toBe(1);
  });

  it('handles a 2,000-deep chain without recursion', () => {
    const list = [cp('n0', null)];
    for (let i = 1; i < 2000; i++) list.push(cp(`n${i}`, `n${i - 1}`));
    const tree = buildCheckpointTree(list, gid('n1999'));
    expect(nowDepth(tree)).toBe(2000);
    expect(ancestry(tree, NOW_ID)).toHaveLength(2001);
  });
});

describe('visibleRows', () => {
  const list = [cp('A', null), cp('B', 'A'), cp('C', 'B'), cp('D', 'A')];
  const tree = buildCheckpointTree(list, gid('C'));

  it('lists rows in pre-order with depths', () => {
    const rows = visibleRows(tree, new Set());
    expect(rows.map((r) => `${r.depth}:${r.node.kind === 'now' ? 'NOW' : r.node.checkpoint.name}`)).toEqual([
      '0:A',
      '1:B',
      '2:C',
      '3:NOW',
      '1:D',
    ]);
  });

  it('hides the children of a collapsed node', () => {
    const rows = visibleRows(tree, new Set([gid('B')]));
    expect(names(rows.map((r) => r.node))).toEqual(['A', 'B', 'D']);
    expect(rows[1]!.expanded).toBe(false);
    expect(rows[1]!.hasChildren).toBe(true);
  });
});

describe('subtree and ancestry', () => {
  const tree = buildCheckpointTree([cp('A', null), cp('B', 'A'), cp('C', 'B'), cp('D', 'A')], gid('C'));
  it('subtree lists the checkpoint and all below it, never Now', () => {
    expect(new Set(subtreeCheckpointIds(tree, gid('B')))).toEqual(new Set([gid('B'), gid('C')]));
  });
  it('ancestry walks to the root', () => {
    expect(ancestry(tree, NOW_ID)).toEqual([NOW_ID, gid('C'), gid('B'), gid('A')]);
  });
});
