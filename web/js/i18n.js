// Translations, language direction and locale-aware number/date formatting.
// Every user-facing string comes from /i18n/{lang}.json through t().
import { getTranslations } from './api.js';

const SUPPORTED = ['en', 'fa'];
const LOCALES = { en: 'en-GB', fa: 'fa-IR' };
const DATE_LOCALES = { en: 'en-GB', fa: 'fa-IR-u-ca-persian' };
const DIRECTIONS = { en: 'ltr', fa: 'rtl' };
const STORAGE_KEY = 'zamin.lang';

const tables = {};
const listeners = new Set();
let language = 'en';

/** Languages the page can show. */
export function supportedLanguages() {
  return SUPPORTED.slice();
}

/** The language currently shown ("en" or "fa"). */
export function currentLanguage() {
  return language;
}

/** The BCP 47 locale used for numbers in the current language. */
export function currentLocale() {
  return LOCALES[language];
}

/** The language the user chose earlier with the header switch, if any. */
export function savedLanguage() {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return SUPPORTED.includes(value) ? value : null;
  } catch {
    return null;
  }
}

function saveLanguage(lang) {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice just isn't remembered.
  }
}

async function load(lang) {
  if (!tables[lang]) tables[lang] = await getTranslations(lang);
  return tables[lang];
}

/**
 * Switches the page language: loads its table, sets <html lang dir>, re-translates the document and
 * tells every listener. `remember` stores the choice for the next visit.
 */
export async function setLanguage(lang, { remember = false } = {}) {
  const next = SUPPORTED.includes(lang) ? lang : 'en';
  try {
    await load(next);
    language = next;
  } catch (err) {
    if (next === 'en') throw err;
    await load('en');
    language = 'en';
  }
  if (remember) saveLanguage(language);
  const html = document.documentElement;
  html.lang = language;
  html.dir = DIRECTIONS[language];
  applyTranslations(document);
  for (const fn of listeners) {
    try {
      fn(language);
    } catch (err) {
      console.error(err);
    }
  }
  return language;
}

/** Calls `fn(lang)` after every language change; returns an unsubscribe function. */
export function onLanguageChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Whether the current language has a translation for `key`. */
export function hasKey(key) {
  const table = tables[language] || {};
  return Object.prototype.hasOwnProperty.call(table, key);
}

/** The translation of `key`, with `{name}` placeholders replaced from `vars` (English as fallback). */
export function t(key, vars) {
  const table = tables[language] || {};
  let text = table[key];
  if (text === undefined) {
    text = (tables.en || {})[key];
    if (text === undefined) {
      console.warn('missing translation', key);
      text = key;
    }
  }
  if (vars) {
    text = text.replace(/\{(\w+)\}/g, (whole, name) =>
      Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole);
  }
  return text;
}

/** Formats a number with the current language's digits and grouping. */
export function formatNumber(value, options) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '';
  return new Intl.NumberFormat(LOCALES[language], options).format(Number(value));
}

/** Parses a number typed with Latin, Persian or Arabic-Indic digits; null when empty or invalid. */
export function parseNumber(text) {
  if (text === null || text === undefined) return null;
  const latin = String(text)
    .trim()
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u066B]/g, '.')
    .replace(/[,\u066C\u060C\s]/g, '');
  if (latin === '') return null;
  const value = Number(latin);
  return Number.isFinite(value) ? value : null;
}

/** `text` with Persian and Arabic-Indic digits written as Latin ones (for codes such as an activity code). */
export function latinDigits(text) {
  if (text === null || text === undefined) return '';
  return String(text)
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

/**
 * A counted phrase through Intl.PluralRules: `forms` maps plural categories ("one", "other"…) to i18n keys
 * (written out in full); `{count}` is the number in the page's digits.
 */
export function plural(forms, count, vars = {}) {
  const category = new Intl.PluralRules(LOCALES[language]).select(Number(count) || 0);
  return t(forms[category] || forms.other, { ...vars, count: formatNumber(count) });
}

/** Joins the parts of one line with the language's separator (a middle dot reads as a zero in Persian). */
export function joinParts(items) {
  return items.filter((item) => item !== null && item !== undefined && item !== '').join(t('list.separator'));
}

/** An area in m²; from one hectare up it is also given in hectares. */
export function formatArea(m2) {
  if (m2 === null || m2 === undefined) return '';
  const squareMetres = t('unit.m2', { value: formatNumber(Math.round(m2)) });
  if (m2 < 10000) return squareMetres;
  const hectares = t('unit.ha', { value: formatNumber(m2 / 10000, { maximumFractionDigits: 2 }) });
  return t('unit.areaWithHa', { m2: squareMetres, ha: hectares });
}

/** An area in hectares only (for estate totals). */
export function formatHectares(m2) {
  if (m2 === null || m2 === undefined) return '';
  return t('unit.ha', { value: formatNumber(m2 / 10000, { maximumFractionDigits: 1 }) });
}

/** An amount of money in rials (integer, smallest currency unit). */
export function formatRials(amount) {
  if (amount === null || amount === undefined) return '';
  return t('unit.rial', { value: formatNumber(Math.round(amount)) });
}

/** A date (Date, ISO string or epoch ms) in the current calendar: Jalali for Persian. */
export function formatDate(value, options = { dateStyle: 'medium' }) {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(DATE_LOCALES[language], options).format(date);
}

/** A date and time in the user's time zone and calendar. */
export function formatDateTime(value) {
  return formatDate(value, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Joins translated items as a list ("water, power and gas"). */
export function formatList(items) {
  if (!items.length) return '';
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items);
}

/**
 * Fills every element under `root` carrying data-i18n (text), data-i18n-placeholder,
 * data-i18n-title or data-i18n-aria-label with its translation.
 */
export function applyTranslations(root = document) {
  const scope = root.querySelectorAll ? root : document;
  if (scope.matches && scope.matches('[data-i18n]')) scope.textContent = t(scope.dataset.i18n);
  for (const el of scope.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of scope.querySelectorAll('[data-i18n-placeholder]')) {
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  }
  for (const el of scope.querySelectorAll('[data-i18n-title]')) {
    el.setAttribute('title', t(el.dataset.i18nTitle));
  }
  for (const el of scope.querySelectorAll('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }
}
