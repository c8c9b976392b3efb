import type { ParseKeys, TOptions } from 'i18next';
import type { Namespace } from './resources';

/** A key of one namespace, as a feature's own useTranslation('<ns>') takes it ('col.name'). */
export type KeyOf<N extends Namespace> = ParseKeys<N>;

/** A key spelt with its namespace ('inventory:col.name'): the form the main process sends. */
export type QualifiedKey = { [N in Namespace]: `${N}:${ParseKeys<N>}` }[Namespace];

/** Anything that translates; the `t` of every useTranslation(...) fits. */
type AnyT = (key: never, options?: never) => string;

/**
 * Translates a key that only exists at run time: task titles, P2V findings and notes come from the main process as
 * 'ns:key' strings (shared contracts carry them as plain strings), so the compiler cannot check them. The locale
 * test enumerates every key the main process can send and checks it exists in every language; this is the one
 * place the renderer accepts an unchecked key.
 */
export function translateRuntimeKey(t: AnyT, key: string, values?: TOptions): string {
  return (t as unknown as (key: string, options?: TOptions) => string)(key, values);
}
