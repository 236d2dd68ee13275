/**
 * The applicant's screen (a customer-facing display at the window) and the service evaluation
 * (好差评, 国办发〔2019〕51号). The display is paired to a clerk with a one-time code; it shows only the
 * visit that clerk has open, in the applicant's language, and nothing once the visit ends.
 */
import type { Evidence, Outcome } from './verification';

/** The applicant's languages: Chinese, English, Korean, Japanese, Russian, French, Spanish, Arabic. */
export const APPLICANT_LANGUAGES = ['zh-CN', 'en', 'ko', 'ja', 'ru', 'fr', 'es', 'ar'] as const;
export type ApplicantLanguage = (typeof APPLICANT_LANGUAGES)[number];
/** Written right to left. */
export const RTL_LANGUAGES: readonly ApplicantLanguage[] = ['ar'];

/** Five grades, 5 the best (非常满意) to 1 the worst (非常不满意), as the national 好差评 system counts. */
export const GRADES = [5, 4, 3, 2, 1] as const;
export type Grade = (typeof GRADES)[number];
/** The two lowest grades need a reason. */
export const needsReason = (grade: number) => grade <= 2;
/** The reasons an applicant can tick for a low grade; free text besides. */
export const LOW_GRADE_REASONS = ['waited-long', 'unclear', 'attitude', 'asked-again', 'not-done'] as const;

export interface PairingCode {
  /** Six digits, shown on the clerk's screen, typed on the display; valid once. */
  code: string;
  expiresAt: string;
  /** Where a tablet on the office's network opens the screen, when the host serves it there; else none. */
  tabletUrls: string[];
}

export type MaterialState = 'seen' | 'copy' | 'missing' | 'to-check' | 'not-needed';

export type ApplicantView =
  | { state: 'idle'; office: string; windowNo: string }
  | {
      state: 'visit';
      office: string;
      windowNo: string;
      /** The visit's own id: an evaluation is of this visit, once. */
      visitId: string;
      queueNo: string | null;
      /** The holder, as on the passport (and in Chinese where the case has it). */
      holder: string;
      holderZh: string | null;
      /** ISO 3166 alpha-3, so the display can start in a language the holder likely reads. */
      nationality: string;
      noticeNo: string;
      category: 'A' | 'B' | 'C';
      materials: { code: string; state: MaterialState }[];
      /** The signed-off outcome, once there is one. */
      outcome: Outcome | null;
      /** For a supplement: the materials to bring back and the clerk's words. */
      bringBack: string[];
      supplementNotes: string[];
      evaluation: 'not-asked' | 'asked' | 'done';
    };

export const evidenceState = (e: Evidence | undefined, required: boolean): MaterialState =>
  !required ? 'not-needed' : e === 'original_seen' ? 'seen' : e === 'copy_retained' ? 'copy' : e === 'missing' ? 'missing' : 'to-check';

/** What the clerk sees of the display: paired or not, and the visit's evaluation. */
export interface DisplayStatus {
  paired: number;
  noticeNo: string | null;
  evaluation: 'not-asked' | 'asked' | 'done';
  grade: Grade | null;
}
