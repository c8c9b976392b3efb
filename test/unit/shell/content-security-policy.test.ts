import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspDirectives } from '../../../electron/main/web/content-security-policy';

describe('Content Security Policy', () => {
  it('allows no inline or eval script and no remote origin', () => {
    const csp = contentSecurityPolicy();
    expect(cspDirectives['script-src']).toBe("'self'");
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    // The one relaxation: inline style attributes (xterm's cells); no inline <style> elements, no inline script.
    const withUnsafeInline = Object.entries(cspDirectives).filter(([, v]) => v.includes('unsafe-inline')).map(([k]) => k);
    expect(withUnsafeInline).toEqual(['style-src-attr']);
    expect(cspDirectives['style-src']).toBe("'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('is repeated verbatim in renderer/index.html (minus header-only directives)', () => {
    const html = readFileSync(resolve(__dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(contentSecurityPolicy({ forMeta: true }));
    expect(meta?.[1]).not.toContain('frame-ancestors');
  });
});
