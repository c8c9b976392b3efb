import { z } from 'zod';

/**
 * Names that are not data when used as a key of a plain object: `obj['__proto__']` reads the prototype and
 * `obj['constructor']` reads Object itself, so a user string spelled like them turned into an INTERNAL error
 * (or worse). Such keys are refused as VALIDATION at the contract, and stores look keys up in null-prototype
 * maps (Object.hasOwn / Map) so nothing else spelled like a prototype member can surprise them either.
 */
const reserved: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype).concat(['prototype']));

export function isReservedKey(key: string): boolean {
  return reserved.has(key.trim());
}

/** A user-chosen string that becomes an object key: bounded, and never a prototype member's name. */
export const SafeKey = (max = 64) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((k) => !isReservedKey(k), { message: 'This name is reserved; choose another' });

/** The own value under `key`, never one inherited from Object.prototype. */
export function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
