import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../../renderer/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * The raw text of an error (`err.message`, the old errorMessage helper) carries the session layer's script prefix,
 * zod paths and English from main; the user reads describeError/ErrorText/userMessage (renderer/src/ui). Only ui/
 * (which maps errors) and api/ (which builds them) may touch it; a line that only searches the text says `raw-error-ok`.
 */
const RAW = [/\berrorMessage\(/, /\b(?:err|error|e)\??\.message\b/, /\(err as (?:Api)?Error\)\.message/, /\.error\??\.message\b/];

describe('no renderer view shows an error raw', () => {
  it('every file outside ui/ and api/ goes through the user-language mapping', () => {
    const offenders = sources(root)
      .map((path) => relative(root, path).replace(/\\/g, '/'))
      .filter((rel) => !rel.startsWith('ui/') && !rel.startsWith('api/'))
      .flatMap((rel) =>
        readFileSync(join(root, rel), 'utf8')
          .split('\n')
          .map((line, i) => ({ rel, line, n: i + 1 }))
          .filter(({ line }) => RAW.some((re) => re.test(line)) && !line.includes('raw-error-ok'))
          .map(({ rel, n, line }) => `${rel}:${n}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the old raw-message helper is gone', () => {
    expect(readFileSync(join(root, 'api/api-error.ts'), 'utf8')).not.toMatch(/export const errorMessage/);
  });
});
