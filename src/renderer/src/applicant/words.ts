import { createInstance, type i18n } from 'i18next';
import { APPLICANT_LANGUAGES, type ApplicantLanguage } from '../../../shared/applicant';
import ar from './words/ar.json';
import en from './words/en.json';
import es from './words/es.json';
import fr from './words/fr.json';
import ja from './words/ja.json';
import ko from './words/ko.json';
import ru from './words/ru.json';
import zhCN from './words/zh-CN.json';

/**
 * The display's own words, in the applicant's eight languages: an instance apart from the app's, so
 * the applicant's choice never changes the clerk's screen and the clerk's never the applicant's.
 */
export const WORDS: Record<ApplicantLanguage, typeof en> = { 'zh-CN': zhCN, en, ko, ja, ru, fr, es, ar };

export const applicantI18n: i18n = createInstance();
void applicantI18n.init({
  resources: Object.fromEntries(APPLICANT_LANGUAGES.map((l) => [l, { translation: WORDS[l] }])),
  lng: 'zh-CN',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

/** The language a holder of this nationality (ISO 3166 alpha-3) most likely reads; English otherwise. */
const BY_NATIONALITY: Record<string, ApplicantLanguage> = {
  CHN: 'zh-CN', HKG: 'zh-CN', MAC: 'zh-CN', TWN: 'zh-CN', SGP: 'en',
  KOR: 'ko', PRK: 'ko', JPN: 'ja',
  RUS: 'ru', BLR: 'ru', KAZ: 'ru', KGZ: 'ru', TJK: 'ru', UZB: 'ru',
  FRA: 'fr', BEL: 'fr', CIV: 'fr', SEN: 'fr', CMR: 'fr', MDG: 'fr', MLI: 'fr',
  ESP: 'es', MEX: 'es', ARG: 'es', COL: 'es', CHL: 'es', PER: 'es', VEN: 'es', ECU: 'es', CUB: 'es', URY: 'es', BOL: 'es', PRY: 'es',
  SAU: 'ar', ARE: 'ar', EGY: 'ar', JOR: 'ar', MAR: 'ar', DZA: 'ar', TUN: 'ar', IRQ: 'ar', SYR: 'ar', LBN: 'ar', QAT: 'ar', KWT: 'ar', OMN: 'ar', YEM: 'ar', SDN: 'ar', LBY: 'ar', BHR: 'ar',
};
export const languageFor = (nationality: string | null): ApplicantLanguage => (nationality && BY_NATIONALITY[nationality]) || 'en';
