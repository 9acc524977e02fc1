/**
 * Decoding bytes from disk into text, without guessing wrong silently:
 * UTF-8 (with or without BOM), UTF-16 LE/BE (BOM or a NUL-byte pattern),
 * GB18030 (a superset of GBK and GB2312). Binary data is refused with a reason.
 */
/** How a file was encoded: with `bom`, the byte-order mark it began with (kept when the file is written back). */
export type TextEncodingName = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16lebom' | 'utf16be' | 'utf16bebom' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: TextEncodingName;
}

export class DecodeError extends Error {
  constructor(
    message: string,
    /** Byte offset the problem was found at, when there is one. */
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

function looksUtf16(bytes: Uint8Array, le: boolean): boolean {
  // ASCII/CJK text in UTF-16 without BOM: many NULs, all on one side.
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) {
    return false;
  }
  let zerosHere = 0;
  let zerosThere = 0;
  for (let i = 0; i < n; i += 2) {
    const [a, b] = le ? [bytes[i + 1], bytes[i]] : [bytes[i], bytes[i + 1]];
    if (a === 0) {
      zerosHere++;
    }
    if (b === 0) {
      zerosThere++;
    }
  }
  return zerosHere > n / 8 && zerosThere === 0;
}

/**
 * Decodes as UTF-16 to mostly Han, kana/hangul, CJK punctuation, printable ASCII, Latin letters with accents
 * (pinyin tone marks: ā, ǚ) and line breaks.
 */
function plausibleUtf16(bytes: Uint8Array, label: 'utf-16le' | 'utf-16be'): boolean {
  let text: string;
  try {
    text = fatal(label).decode(bytes.subarray(0, Math.min(bytes.length, 8192)));
  } catch {
    return false;
  }
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x20 && c < 0x7f) ||
      c === 10 ||
      c === 13 ||
      c === 9 ||
      (c >= 0xa0 && c <= 0x24f) ||
      (c >= 0x3000 && c <= 0x9fff) ||
      (c >= 0xff00 && c <= 0xffef) ||
      (c >= 0x2000 && c <= 0x206f)
    ) {
      good++;
    }
  }
  return text.length >= 4 && good / text.length >= 0.95;
}

/** Share of C0 control bytes other than tab, CR, LF, FF, ESC and of NULs. */
function binaryScore(bytes: Uint8Array): { nul: number; control: number; first: number } {
  const n = Math.min(bytes.length, 65536);
  let nul = 0;
  let control = 0;
  let first = -1;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) {
      nul++;
      if (first < 0) {
        first = i;
      }
    } else if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) {
      control++;
      if (first < 0) {
        first = i;
      }
    }
  }
  return { nul: nul / Math.max(1, n), control: control / Math.max(1, n), first };
}

const fatal = (label: string) => new TextDecoder(label, { fatal: true, ignoreBOM: true });

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeOrThrow('utf-8', bytes.subarray(3), 'UTF-8'), encoding: 'utf8bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decodeOrThrow('utf-16le', bytes.subarray(2), 'UTF-16LE'), encoding: 'utf16lebom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decodeOrThrow('utf-16be', bytes.subarray(2), 'UTF-16BE'), encoding: 'utf16bebom' };
  }
  if (looksUtf16(bytes, true)) {
    return { text: decodeOrThrow('utf-16le', bytes, 'UTF-16LE'), encoding: 'utf16le' };
  }
  if (looksUtf16(bytes, false)) {
    return { text: decodeOrThrow('utf-16be', bytes, 'UTF-16BE'), encoding: 'utf16be' };
  }
  const score = binaryScore(bytes);
  // UTF-16 without BOM whose text is mostly Chinese: few or no NUL bytes, but many bytes below 0x20.
  const utf16 = (): Decoded | undefined => {
    if (bytes.length % 2 !== 0) {
      return undefined;
    }
    for (const [label, encoding] of [['utf-16le', 'utf16le'], ['utf-16be', 'utf16be']] as const) {
      if (plausibleUtf16(bytes, label)) {
        return { text: decodeOrThrow(label, bytes, label.toUpperCase()), encoding };
      }
    }
    return undefined;
  };
  if (score.nul > 0 || score.control > 0.01) {
    const asUtf16 = utf16();
    if (asUtf16) {
      return asUtf16;
    }
    throw new DecodeError(`不是文本文件（第 ${score.first + 1} 字节起含有二进制控制字符）`, score.first);
  }
  try {
    return { text: fatal('utf-8').decode(bytes), encoding: 'utf8' };
  } catch {
    // not UTF-8: UTF-16 without BOM, else GB18030 (covers GBK/GB2312), the usual encoding of older Chinese files
  }
  // GBK byte pairs read as UTF-16 fall mostly outside the CJK ranges, so this test does not take GBK text.
  const asUtf16 = utf16();
  if (asUtf16) {
    return asUtf16;
  }
  try {
    const text = fatal('gb18030').decode(bytes);
    return { text, encoding: 'gb18030' };
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new DecodeError(`无法识别文件编码（既不是 UTF-8、UTF-16，也不是 GB18030/GBK；按 UTF-8 读，第 ${at + 1} 字节不合规则）`, at);
  }
}

function decodeOrThrow(label: string, bytes: Uint8Array, name: string): string {
  try {
    return fatal(label).decode(bytes);
  } catch {
    throw new DecodeError(`文件标明为 ${name} 编码，但内容不是有效的 ${name}`);
  }
}

/** The offset of the first byte that breaks UTF-8 (a bad lead or continuation byte, or a sequence cut short). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) {
      return i;
    }
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) {
        return i;
      }
    }
    i += n + 1;
  }
  return bytes.length;
}
