import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..', '..');

describe('lab source Storage declarations', () => {
  it('are generated from the reference and up to date', () => {
    const r = spawnSync(process.execPath, [join(root, 'assets/lab/p2v/tools/gen-source-declarations.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
