/**
 * The renderer's CSP allows no inline <style>. xterm's DOM renderer creates <style> elements for its theme
 * and cell sizes; while a terminal is being opened we hand it inert stand-ins whose text goes into
 * constructable stylesheets (CSSOM, which CSP permits) adopted by the document instead.
 */
export function withAdoptedStyles<T>(doc: Document, open: () => T): T {
  const original = doc.createElement;
  const patched = function (this: Document, tag: string, options?: ElementCreationOptions): HTMLElement {
    if (String(tag).toLowerCase() !== 'style') return original.call(doc, tag, options);
    const holder = original.call(doc, 'span', undefined);
    holder.hidden = true;
    const sheet = new CSSStyleSheet();
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    let text = '';
    Object.defineProperty(holder, 'textContent', {
      get: () => text,
      set: (value: string | null) => {
        text = value ?? '';
        sheet.replaceSync(text);
      },
    });
    const remove = holder.remove.bind(holder);
    holder.remove = () => {
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
      remove();
    };
    return holder;
  };
  doc.createElement = patched as typeof doc.createElement;
  try {
    return open();
  } finally {
    doc.createElement = original;
  }
}
