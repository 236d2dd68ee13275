/** A GB/T 2260 region code with its names; `known: false` when the shipped table does not have it (the names are the code). */
export interface RegionName {
  code: string;
  zh: string;
  en: string;
  known: boolean;
}
