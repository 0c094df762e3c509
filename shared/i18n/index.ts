import i18next, { type i18n } from 'i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../domain';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import zhTW from './locales/zh-TW.json';

/** Every UI and user-facing core string, by locale. zh-CN is the default and the fallback. */
export const resources = {
  'zh-CN': { translation: zhCN },
  'zh-TW': { translation: zhTW },
  en: { translation: en },
} as const;

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

const instances = new Map<Locale, i18n>();

/** A translate function for one locale, for messages produced outside the UI (core errors, CLI). */
export function translator(locale: Locale): (key: string, params?: Record<string, string | number>) => string {
  let inst = instances.get(locale);
  if (!inst) {
    inst = i18next.createInstance();
    void inst.init({
      lng: locale,
      fallbackLng: DEFAULT_LOCALE,
      resources,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    instances.set(locale, inst);
  }
  const t = inst.t.bind(inst);
  return (key, params) => t(key, params ?? {}) as string;
}
