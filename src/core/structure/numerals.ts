/** Chinese and Arabic ordinal numbers as used in speech numbering (一 … 九十九, 1 … 99). */

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NAMES = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** `一` → 1, `十` → 10, `十二` → 12, `二十` → 20, `九十九` → 99, `两` → 2; null for anything else. */
export function parseChineseNumber(s: string): number | null {
  if (s.length === 0 || s.length > 3) {
    return null;
  }
  if (s.length === 1) {
    if (s === '十') {
      return 10;
    }
    return DIGITS[s] ?? null;
  }
  const ten = s.indexOf('十');
  if (ten < 0 || s.indexOf('十', ten + 1) >= 0) {
    return null;
  }
  const before = s.slice(0, ten);
  const after = s.slice(ten + 1);
  const tens = before === '' ? 1 : DIGITS[before];
  const ones = after === '' ? 0 : DIGITS[after];
  if (tens === undefined || ones === undefined || before === '两' || after === '两') {
    return null;
  }
  if (before !== '' && tens === 1) {
    return null; // 一十二 is not how ordinals are written
  }
  return tens * 10 + ones;
}

/** 1 → `一`, 12 → `十二`, 20 → `二十`; numbers outside 1–99 as Arabic digits. */
export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) {
    return String(n);
  }
  if (n < 10) {
    return NAMES[n];
  }
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : NAMES[tens]) + '十' + NAMES[ones];
}

const FULLWIDTH_DIGIT = /[０-９]/g;

/** `12`, `１２` → 12; null for anything else. */
export function parseArabicNumber(s: string): number | null {
  const ascii = s.replace(FULLWIDTH_DIGIT, c => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48));
  return /^\d{1,3}$/.test(ascii) ? Number(ascii) : null;
}

/** A count word in an announcement: `三`, `两`, `3`, `十` → number; `几` → null (uncountable). */
export function parseCount(s: string): number | null {
  return parseChineseNumber(s) ?? parseArabicNumber(s);
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const PAREN_DIGITS = '⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇';

/** `①` → 1 … `⑳` → 20; null otherwise. */
export function parseCircled(ch: string): number | null {
  const i = CIRCLED.indexOf(ch);
  return i < 0 ? null : i + 1;
}

/** `⑴` → 1 … `⒇` → 20; null otherwise. */
export function parseParenDigit(ch: string): number | null {
  const i = PAREN_DIGITS.indexOf(ch);
  return i < 0 ? null : i + 1;
}

export function toCircled(n: number): string {
  return n >= 1 && n <= 20 ? CIRCLED[n - 1] : String(n);
}
