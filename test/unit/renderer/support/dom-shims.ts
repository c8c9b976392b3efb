// jsdom lacks parts of the platform our UI kit uses; these stand-ins behave like a browser as far as the tests look.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Typed without the DOM lib: test/**/*.ts compiles under the Node tsconfig.
interface Attributes {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}
const dialog = (globalThis as unknown as { HTMLDialogElement: { prototype: Record<string, unknown> } }).HTMLDialogElement.prototype;
if (typeof dialog.showModal !== 'function') {
  dialog.showModal = function (this: Attributes) {
    this.setAttribute('open', '');
  };
  dialog.close = function (this: Attributes) {
    this.removeAttribute('open');
  };
}
