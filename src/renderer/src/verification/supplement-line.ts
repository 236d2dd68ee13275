import type { i18n, TFunction } from 'i18next';

/** One line of what to bring, as the app writes it: Chinese, then English. */
export function supplementLine(i18n: i18n, code: string, problem: string, detail: string | null | undefined): string {
  const [zh, en] = (['zh-CN', 'en'] as const).map((l) => i18n.getFixedT(l));
  const say = (t: TFunction) => `${t(`material.${code}`, { defaultValue: code })}${t === zh ? '：' : ': '}${t(`verify.supplementWhy.${problem}`, { defaultValue: detail || problem })}`;
  return `${say(zh)} / ${say(en)}`;
}
