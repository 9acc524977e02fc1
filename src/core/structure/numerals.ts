/** Chinese and Arabic ordinal numbers as used in speech numbering (一 … 九十九, 1 … 99). */

const NAMES = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const TEN = 0x5341; // 十
const LIANG = 0x4e24; // 两

/** `一` … `九` → 1 … 9; 0 for any other UTF-16 code unit. */
function digitValue(c: number): number {
  switch (c) {
    case 0x4e00:
      return 1;
    case 0x4e8c:
      return 2;
    case 0x4e09:
      return 3;
    case 0x56db:
      return 4;
    case 0x4e94:
      return 5;
    case 0x516d:
      return 6;
    case 0x4e03:
      return 7;
    case 0x516b:
      return 8;
    case 0x4e5d:
      return 9;
    default:
      return 0;
  }
}

/** `一` → 1, `十` → 10, `十二` → 12, `二十` → 20, `九十九` → 99, `两` → 2; null for anything else (`一十二`, `二两`, `十十`). */
export function parseChineseNumber(s: string): number | null {
  return parseChineseNumberIn(s, 0, s.length);
}

/** `parseChineseNumber` of `s.slice(from, to)`, without making the slice. */
export function parseChineseNumberIn(s: string, from: number, to: number): number | null {
  switch (to - from) {
    case 1: {
      const c = s.charCodeAt(from);
      return c === TEN ? 10 : c === LIANG ? 2 : digitValue(c) || null;
    }
    case 2: {
      const a = s.charCodeAt(from);
      const b = s.charCodeAt(from + 1);
      if (a === TEN) {
        const ones = digitValue(b);
        return ones ? 10 + ones : null;
      }
      const tens = b === TEN ? digitValue(a) : 0;
      // 一十 is not how ordinals are written
      return tens >= 2 ? tens * 10 : null;
    }
    case 3: {
      if (s.charCodeAt(from + 1) !== TEN) {
        return null;
      }
      const tens = digitValue(s.charCodeAt(from));
      const ones = digitValue(s.charCodeAt(from + 2));
      return tens >= 2 && ones ? tens * 10 + ones : null;
    }
    default:
      return null;
  }
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

/** 0–9 for the code unit of an ASCII or full-width digit (`0`–`9`, `０`–`９`), else -1. */
export function arabicDigitValue(c: number): number {
  return c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0xff10 && c <= 0xff19 ? c - 0xff10 : -1;
}

/** `12`, `１２` → 12; null for anything else. */
export function parseArabicNumber(s: string): number | null {
  if (s.length === 0 || s.length > 3) {
    return null;
  }
  let value = 0;
  for (let i = 0; i < s.length; i++) {
    const digit = arabicDigitValue(s.charCodeAt(i));
    if (digit < 0) {
      return null;
    }
    value = value * 10 + digit;
  }
  return value;
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
