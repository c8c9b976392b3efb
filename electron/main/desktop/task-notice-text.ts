import i18next, { type Resource, type TFunction } from 'i18next';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import { namespaces, resources } from '../../../renderer/src/i18n/resources';
import { systemClock, type Clock } from '../platform/time/clock';

/**
 * The text of a task notification, in the language the window shows. Task titles are i18n keys with
 * values (main never formats user-facing text), so main translates them with the renderer's own locale
 * resources (the bundler inlines them into main.cjs), resolved the way the task panel resolves them.
 */
const translators = new Map<string, TFunction>();

function translatorFor(language: string): TFunction {
  const lng = language in resources ? language : 'en';
  let t = translators.get(lng);
  if (!t) {
    const instance = i18next.createInstance();
    // initAsync false: the resources are in memory, so t is ready when init returns. The zh-TW map is typed
    // loosely on the renderer side (checked against English there), hence the cast.
    void instance.init({ resources: resources as unknown as Resource, ns: [...namespaces], lng, fallbackLng: 'en', initAsync: false, interpolation: { escapeValue: false }, showSupportNotice: false });
    // The task panel's namespace, so a bare titleKey resolves to the same text the panel shows.
    t = instance.getFixedT(lng, 'tasks') as TFunction;
    translators.set(lng, t);
  }
  return t;
}

/** `language` is the UI language tag (`document.documentElement.lang` in the window); unknown tags get English. */
export function taskNoticeText(task: TaskRecord, language: string): { title: string; body: string } {
  const t = translatorFor(language);
  const outcome = t(`common:taskStatus.${task.status}`);
  return {
    // As the panel: an unknown key shows the task's kind rather than the raw key.
    title: t(task.titleKey, { ...task.titleValues, defaultValue: task.kind }),
    body: task.error ? `${outcome}: ${task.error.message}` : outcome,
  };
}

/**
 * The language the window shows (the renderer sets `<html lang>` from the admin's choice). A constant
 * expression in our own page; English when the page does not answer within a second.
 */
export function windowLanguage(contents: { executeJavaScript(code: string): Promise<unknown> } | undefined, clock: Clock = systemClock): Promise<string> {
  if (!contents) return Promise.resolve('en');
  let timer: unknown;
  const late = new Promise<string>((resolve) => (timer = clock.setTimeout(() => resolve('en'), 1_000)));
  const asked = contents.executeJavaScript('document.documentElement.lang').then(
    (lang) => (typeof lang === 'string' && lang ? lang : 'en'),
    () => 'en',
  );
  return Promise.race([asked, late]).finally(() => clock.clearTimeout(timer));
}
