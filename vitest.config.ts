import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Vitest runs the longest files first when its cache (node_modules/.vite) knows their durations; a clean CI clone
 * has no cache, and Vitest then starts the largest files first, so a small file that spawns pwsh and sshd for two
 * minutes (test/security/wildcards.test.ts) could start last and leave one worker running alone. Without a cache,
 * the files that start real processes (integration, security) go first, then the unit files fill the gaps.
 */
class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const known = (f: TestSpecification) => this.ctx.cache.getFileTestResults(`${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`);
    if (sorted.every(known)) return sorted;
    const spawns = (f: TestSpecification) => /[\\/]test[\\/](integration|security)[\\/]/.test(f.moduleId);
    return [...sorted.filter(spawns), ...sorted.filter((f) => !spawns(f))];
  }
}

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts', 'test/security/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real pwsh processes and sshd instances; two cores, so keep parallelism low.
    maxWorkers: 2,
    retry: 0,
    sequence: { sequencer: SlowFirstSequencer },
  },
});
