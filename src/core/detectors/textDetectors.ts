import { detectDuplicates } from './duplicate';
import { detectMojibakeFindings, detectTraditional } from './encoding';
import {
  detectAnnouncementNumber,
  detectDateHao,
  detectInvalidDate,
  detectRangeDash,
  detectRangeUnit,
  detectSessionNumber,
  detectShortYear,
  detectYearZero,
} from './number';
import {
  detectAsciiPunctuation,
  detectBookTitleMeeting,
  detectBrokenLine,
  detectEllipsis,
  detectEllipsisEtc,
  detectLineStartMark,
  detectRepeatedMarks,
  detectSpaceBetweenHan,
  detectSubtitleDash,
  detectUnbalancedPairs,
  detectWrongNesting,
} from './punctuation';
import type { Detector } from './types';

/** The punctuation (GB/T 15834), number (GB/T 15835), duplicate and encoding detectors by rule-facing name. */
export const TEXT_DETECTORS: Readonly<Record<string, Detector>> = {
  'punctuation.ascii': doc => detectAsciiPunctuation(doc),
  'punctuation.pairs': doc => detectUnbalancedPairs(doc),
  'punctuation.nesting': doc => detectWrongNesting(doc),
  'punctuation.book-title': doc => detectBookTitleMeeting(doc),
  'punctuation.repeated': doc => detectRepeatedMarks(doc),
  'punctuation.line-start': doc => detectLineStartMark(doc),
  'punctuation.broken-line': doc => detectBrokenLine(doc),
  'punctuation.space-between-han': doc => detectSpaceBetweenHan(doc),
  'punctuation.ellipsis': doc => detectEllipsis(doc),
  'punctuation.ellipsis-etc': doc => detectEllipsisEtc(doc),
  'punctuation.subtitle-dash': doc => detectSubtitleDash(doc),
  'number.short-year': doc => detectShortYear(doc),
  'number.year-zero': doc => detectYearZero(doc),
  'number.invalid-date': doc => detectInvalidDate(doc),
  'number.date-hao': doc => detectDateHao(doc),
  'number.range-unit': doc => detectRangeUnit(doc),
  'number.range-dash': doc => detectRangeDash(doc),
  'number.session': doc => detectSessionNumber(doc),
  'number.announcement': doc => detectAnnouncementNumber(doc),
  duplicate: (doc, params) => detectDuplicates(doc, params),
  'encoding.mojibake': doc => detectMojibakeFindings(doc),
  'encoding.traditional': doc => detectTraditional(doc),
};
