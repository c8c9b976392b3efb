/**
 * The one Content Security Policy for the renderer, sent as a header by the gateway and by the desktop
 * app:// protocol. renderer/index.html repeats it in a <meta> tag (minus the header-only directives) as a
 * second line of defence; a unit test keeps the two in step.
 * No inline script, no eval, no remote origin: the renderer talks only to its own origin ('self' also
 * covers the same-origin WebSocket in browser mode).
 */
export const cspDirectives: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  // Inline style *attributes* only (not <style> elements, never scripts): xterm's DOM renderer sets per-cell
  // style attributes (colours it must compute, letter spacing) with setAttribute('style'), which no shim can route.
  'style-src-attr': "'unsafe-inline'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

/** Directives a browser ignores (and warns about) when they come in a <meta> tag. */
export const headerOnlyDirectives = ['frame-ancestors'];

export function contentSecurityPolicy(opts: { forMeta?: boolean } = {}): string {
  return Object.entries(cspDirectives)
    .filter(([name]) => !(opts.forMeta && headerOnlyDirectives.includes(name)))
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/** Headers every renderer response carries, whatever serves it. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}
