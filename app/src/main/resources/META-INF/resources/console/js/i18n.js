// The console's words in English and Traditional Chinese (Hong Kong). English text is the key:
// t('Payments') looks it up in the chosen language's dictionary and falls back to English, and
// {name} placeholders are filled from the second argument. The language comes from the browser
// (navigator.languages) until the operator picks one; that choice (never the API key) is kept in
// localStorage under LANG_SLOT.
import { ZH_HK } from './i18n-zh-hk.js';

const LANG_SLOT = 'ecrhub.console.lang';
export const LANGUAGES = [
  ['en', 'English'],
  ['zh-HK', '繁體中文'],
];
const DICTIONARIES = { en: {}, 'zh-HK': ZH_HK };

let current = initial();

function initial() {
  let saved = null;
  try {
    saved = localStorage.getItem(LANG_SLOT);
  } catch {
    // storage disabled: follow the browser
  }
  if (saved && saved in DICTIONARIES) return saved;
  return fromBrowser(navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en']);
}

/** zh-HK for any Chinese except Simplified (zh-CN, zh-SG, zh-Hans), else English. */
export function fromBrowser(languages) {
  for (const tag of languages) {
    const l = String(tag).toLowerCase();
    if (l.startsWith('zh')) return /^zh-(cn|sg|hans)/.test(l) ? 'en' : 'zh-HK';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The language in use: 'en' or 'zh-HK'. */
export function lang() {
  return current;
}

/** Switches language and remembers the choice in this browser. */
export function setLang(next) {
  if (!(next in DICTIONARIES)) return;
  current = next;
  try {
    localStorage.setItem(LANG_SLOT, next);
  } catch {
    // not remembered; still switched for this page
  }
}

/** The text in the current language, with {placeholders} filled in. */
export function t(text, vars) {
  const found = DICTIONARIES[current][text];
  const out = found === undefined ? text : found;
  return vars ? out.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m)) : out;
}

const moneyFormats = new Map();

/** An amount (decimal string from the API) in its currency, per locale: "HKD 1,234.50". */
export function formatMoney(amount, currency) {
  if (amount === null || amount === undefined || amount === '') return '—';
  if (!currency) return String(amount);
  const key = `${current}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(current, { style: 'currency', currency, currencyDisplay: 'code' });
    } catch {
      return `${currency} ${amount}`;
    }
    moneyFormats.set(key, format);
  }
  // A decimal string is formatted exactly (Intl.NumberFormat v3), never through a binary double.
  return format.format(String(amount));
}

/** A whole number per locale. */
export function formatCount(n) {
  return new Intl.NumberFormat(current).format(n);
}

/** A ratio (0..1, decimal string) as a percentage per locale: "95.5%". */
export function formatPercent(ratio) {
  return new Intl.NumberFormat(current, { style: 'percent', maximumFractionDigits: 1 }).format(String(ratio));
}

/** A date-time per locale. */
export function formatDateTime(date) {
  return date.toLocaleString(current);
}

/** An hour of the day per locale ("14:00"). */
export function formatHour(date) {
  return date.toLocaleTimeString(current, { hour: '2-digit', minute: '2-digit', hour12: false });
}
