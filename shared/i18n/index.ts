import i18next, { type i18n } from 'i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../domain';
import enCore from './locales/en/core.json';
import zhCNCore from './locales/zh-CN/core.json';
import zhTWCore from './locales/zh-TW/core.json';
import enPacks from './locales/en/packs.json';
import zhCNPacks from './locales/zh-CN/packs.json';
import zhTWPacks from './locales/zh-TW/packs.json';
import enRisk from './locales/en/risk.json';
import zhCNRisk from './locales/zh-CN/risk.json';
import zhTWRisk from './locales/zh-TW/risk.json';
import enIntake from './locales/en/intake.json';
import zhCNIntake from './locales/zh-CN/intake.json';
import zhTWIntake from './locales/zh-TW/intake.json';
import enReports from './locales/en/reports.json';
import zhCNReports from './locales/zh-CN/reports.json';
import zhTWReports from './locales/zh-TW/reports.json';

/**
 * Every UI and user-facing core string, by locale. Each feature owns one file per locale
 * (locales/<locale>/<feature>.json) with its own top-level keys; they are merged here.
 * zh-CN is the default and the fallback.
 */
type Tree = { [k: string]: string | Tree };
/** Groups shared by features (`errors`) merge key by key; any other clash is a mistake. */
function merge(...parts: Tree[]): Tree {
  const out: Tree = {};
  const into = (target: Tree, source: Tree, path: string) => {
    for (const [k, v] of Object.entries(source)) {
      const existing = target[k];
      if (existing === undefined) target[k] = typeof v === 'string' ? v : into({}, v, `${path}${k}.`);
      else if (typeof existing !== 'string' && typeof v !== 'string' && path === '' && k === 'errors') into(existing, v, `${k}.`);
      else throw new Error(`locale key "${path}${k}" is defined by two feature files`);
    }
    return target;
  };
  for (const p of parts) into(out, p, '');
  return out;
}

export const bundles: Record<Locale, Tree> = {
  'zh-CN': merge(zhCNCore, zhCNPacks, zhCNRisk, zhCNIntake, zhCNReports),
  'zh-TW': merge(zhTWCore, zhTWPacks, zhTWRisk, zhTWIntake, zhTWReports),
  en: merge(enCore, enPacks, enRisk, enIntake, enReports),
};

export const resources = {
  'zh-CN': { translation: bundles['zh-CN'] },
  'zh-TW': { translation: bundles['zh-TW'] },
  en: { translation: bundles.en },
} as const;

/**
 * The workstation language that fits a machine's language preferences (BCP 47 tags, most preferred
 * first, as `navigator.languages` gives them): traditional Chinese (zh-TW, zh-HK, zh-MO, zh-Hant)
 * and simplified Chinese (zh, zh-CN, zh-SG, zh-Hans) by their own names, English by any en-*; the
 * first tag that names one of them wins, and none at all gives the default (简体中文).
 */
export function localeForTags(tags: readonly string[]): Locale {
  for (const raw of tags) {
    const tag = raw.toLowerCase();
    if (/^zh-(tw|hk|mo)\b|^zh-hant\b/.test(tag)) return 'zh-TW';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return DEFAULT_LOCALE;
}

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
