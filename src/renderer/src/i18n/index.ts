import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/settings';
import en from './en.json';
import zhCN from './zh-CN.json';

const STORAGE_KEY = 'acw.language';

/** The language chosen on this machine survives restarts; the office default applies until one is chosen. */
export function savedLanguage(): Language | null {
  const v = localStorage.getItem(STORAGE_KEY);
  return v === 'en' || v === 'zh-CN' ? v : null;
}

export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang);
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: savedLanguage() ?? 'zh-CN',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18next.language;

export default i18next;
