import type { Outline, OutlinePart } from './types';

/** Chinese characters (Han ideographs) in text[start, end): what a speech's length is counted in, not bytes. */
export function countHan(text: string, start = 0, end = text.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) {
      n++;
    } else if (c >= 0xd840 && c <= 0xd87e && i + 1 < end) {
      // Extension B and later (surrogate pairs, U+20000–U+2FFFF): one character.
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n++;
        i++;
      }
    }
  }
  return n;
}

export interface PartLength {
  label: string;
  line: number;
  han: number;
  minutes: number;
}

export interface SpeechStats {
  /** Chinese characters in the whole document. */
  han: number;
  /** Non-blank characters (Chinese, Latin, digits, punctuation). */
  chars: number;
  /** Estimated speaking time in minutes at `rate` characters per minute. */
  minutes: number;
  rate: number;
  /** Length of each top-level part of each speech. */
  parts: PartLength[];
}

/** Counts and the speaking-time estimate for the status bar (`rate` = 字/分钟, e.g. 220). */
export function speechStats(text: string, outline: Outline, rate: number): SpeechStats {
  const r = Number.isFinite(rate) && rate > 0 ? rate : 220;
  const han = countHan(text);
  let blank = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000 || (c >= 0xdc00 && c <= 0xdfff)) {
      blank++;
    }
  }
  const parts: PartLength[] = [];
  const top = (p: OutlinePart) => {
    const n = countHan(text, p.markerStart, p.end);
    parts.push({ label: `${p.marker}${p.title}`, line: p.line, han: n, minutes: n / r });
  };
  for (const s of outline.speeches) {
    s.parts.forEach(top);
  }
  return { han, chars: text.length - blank, minutes: han / r, rate: r, parts };
}

/** `3.5` minutes → `3分30秒`; under a minute → `45秒`. */
export function formatMinutes(minutes: number): string {
  const total = Math.round(minutes * 60);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m === 0 ? `${s}秒` : s === 0 ? `${m}分钟` : `${m}分${s}秒`;
}
