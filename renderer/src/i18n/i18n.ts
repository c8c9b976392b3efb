import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { initialLanguage, languageStorageKey, type Language } from './language';
import { defaultNS, namespaces, resources } from './resources';

function readSaved(): string | null {
  try {
    return window.localStorage.getItem(languageStorageKey);
  } catch (err) {
    // Storage can be disabled by policy; the app still works, it just forgets the choice.
    console.warn('language preference unavailable', err);
    return null;
  }
}

export async function setupI18n(): Promise<void> {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  const lng = initialLanguage(readSaved(), preferred);
  await i18next.use(initReactI18next).init({
    resources,
    ns: [...namespaces],
    defaultNS,
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    showSupportNotice: false, // keep the console clean (e2e asserts on it)
  });
  document.documentElement.lang = lng;
}

export async function changeLanguage(lng: Language): Promise<void> {
  await i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(languageStorageKey, lng);
  } catch (err) {
    console.warn('could not remember the language', err);
  }
}
