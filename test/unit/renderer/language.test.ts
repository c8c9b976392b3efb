import { describe, expect, it } from 'vitest';
import { detectLanguage, initialLanguage } from '../../../renderer/src/i18n/language';

describe('detectLanguage', () => {
  it('maps Traditional Chinese locales to zh-TW', () => {
    for (const tag of ['zh-TW', 'zh-tw', 'zh-Hant', 'zh-Hant-TW', 'zh-HK', 'zh-MO']) expect(detectLanguage([tag]), tag).toBe('zh-TW');
  });
  it('keeps English for Simplified Chinese and anything else', () => {
    for (const tag of ['zh-CN', 'zh-Hans', 'zh', 'fr-FR', 'en-US']) expect(detectLanguage([tag]), tag).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });
  it('takes the first preference it can serve', () => {
    expect(detectLanguage(['fr-FR', 'zh-TW', 'en'])).toBe('zh-TW');
    expect(detectLanguage(['en-GB', 'zh-TW'])).toBe('en');
  });
});

describe('initialLanguage', () => {
  it('prefers a saved valid choice, ignores an invalid one', () => {
    expect(initialLanguage('zh-TW', ['en-US'])).toBe('zh-TW');
    expect(initialLanguage('klingon', ['zh-TW'])).toBe('zh-TW');
    expect(initialLanguage(null, ['en-US'])).toBe('en');
  });
});
