/** The UI languages we ship (a locale file each under ./locales). */
export const supportedLanguages = ['en', 'zh-TW'] as const;
export type Language = (typeof supportedLanguages)[number];

export const languageStorageKey = 'hyperdesk.language';

export const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (supportedLanguages as readonly string[]).includes(v);

/**
 * Picks the UI language from the browser's preferences: any Traditional Chinese locale (zh-TW, zh-HK,
 * zh-MO, zh-Hant*) gets zh-TW; everything else English. Simplified Chinese stays English, since
 * showing Traditional characters to a zh-CN reader is not a translation they asked for.
 */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const t = tag.toLowerCase();
    if (t === 'zh-tw' || t === 'zh-hk' || t === 'zh-mo' || t.startsWith('zh-hant') || t.startsWith('zh-tw-')) return 'zh-TW';
    if (t === 'en' || t.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** The saved choice wins over the browser's preference. */
export function initialLanguage(saved: string | null, preferred: readonly string[]): Language {
  return isLanguage(saved) ? saved : detectLanguage(preferred);
}
