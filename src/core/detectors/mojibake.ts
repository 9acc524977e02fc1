import type { DocContext } from '../document';
import {
  findLostBytes,
  findMisalignedGbk,
  findPinyinAnnotations,
  findUtf8AsLatin1,
  type MojibakeKind,
  type MojibakeSpan,
} from '../text/repair';
import type { ProtectedSpans } from './chars';
import * as chars from './chars';

const isHan = chars.isHan;

/**
 * Spans of broken text, computed once per document: what the text-repair
 * module finds (misaligned GBK runs such as `??梢哉f`, pinyin glosses `發(fā)`,
 * torn glosses, U+FFFD, `锟斤拷`, UTF-8 read as Latin-1) plus runs of `?`
 * standing for lost characters (`???`). A single ASCII `?` after Chinese is
 * left to the punctuation checks: in pages written with half-width marks it
 * is an ordinary question mark (`从哪里来?除了…`).
 *
 * The encoding detector reports these spans; the punctuation detectors leave
 * them alone.
 */
export interface BrokenSpan {
  start: number;
  end: number;
  kind: MojibakeKind | 'question-run';
  /** The repaired text when it is certain; null when characters were lost. */
  recovered: string | null;
}

export function brokenSpans(doc: DocContext): BrokenSpan[] {
  return doc.memo('gongwen.brokenSpans', d => computeBroken(d.text));
}

export function mojibakeSpans(doc: DocContext): ProtectedSpans {
  return doc.memo('gongwen.mojibakeSpans', d => {
    const starts: number[] = [];
    const ends: number[] = [];
    for (const r of brokenSpans(d)) {
      starts.push(r.start);
      ends.push(r.end);
    }
    return { starts, ends };
  });
}

const enum Trigger {
  Lost = 1, // `?`, U+FFFD, 锟
  Tone = 2, // a pinyin vowel with a tone mark
  Latin1 = 4, // Â…ô: UTF-8 read as Latin-1
}

function triggerOf(c: number): number {
  if (c === 0x3f || c === 0xfffd || c === 0x951f) {
    return Trigger.Lost;
  }
  if (c >= 0xc2 && c <= 0x1dc) {
    let t = 0;
    if (c <= 0xf4) {
      t |= Trigger.Latin1;
    }
    if (
      (c >= 0xe0 && c <= 0xfc) ||
      c === 0x101 ||
      c === 0x113 ||
      c === 0x11b ||
      c === 0x12b ||
      c === 0x14d ||
      c === 0x16b ||
      (c >= 0x1ce && c <= 0x1dc)
    ) {
      t |= Trigger.Tone;
    }
    return t;
  }
  return 0;
}

/**
 * The repair module's finders run only on the lines that contain what they look
 * for, so clean text costs one character scan.
 */
const TRIGGER = /[?\ufffd\u951f\u00c2-\u01dc]/g;

function repairFindings(text: string): MojibakeSpan[] {
  const out: MojibakeSpan[] = [];
  const n = text.length;
  const re = TRIGGER;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    // The line around the trigger; its other triggers are gathered in one go.
    let lineStart = m.index;
    while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 0x0a && text.charCodeAt(lineStart - 1) !== 0x0d) {
      lineStart--;
    }
    let lineEnd = m.index;
    let flags = 0;
    for (; lineEnd < n; lineEnd++) {
      const c = text.charCodeAt(lineEnd);
      if (c === 0x0a || c === 0x0d) {
        break;
      }
      if (c === 0x3f || c === 0xfffd || c === 0x951f) {
        flags |= Trigger.Lost;
      } else if (c >= 0xc2 && c <= 0x1dc) {
        flags |= triggerOf(c);
      }
    }
    re.lastIndex = lineEnd;
    if (flags === 0) {
      continue;
    }
    const line = text.slice(lineStart, lineEnd);
    const add = (start: number, end: number, kind: MojibakeKind, recovered: string | null) =>
      out.push({ start: lineStart + start, end: lineStart + end, kind, recovered });
    if (flags & Trigger.Lost) {
      for (const r of findMisalignedGbk(line)) {
        add(r.start, r.end, 'misaligned-gbk', r.recovered);
      }
      for (const r of findLostBytes(line)) {
        add(r.start, r.end, 'lost-bytes', null);
      }
    }
    if (flags & Trigger.Tone) {
      for (const r of findPinyinAnnotations(line)) {
        add(r.start, r.end, 'pinyin-annotation', '');
      }
    }
    if (flags & Trigger.Latin1) {
      for (const r of findUtf8AsLatin1(line)) {
        add(r.start, r.end, 'utf8-as-latin1', r.recovered);
      }
    }
  }
  return out;
}

function computeBroken(text: string): BrokenSpan[] {
  const found: BrokenSpan[] = [];
  for (const s of repairFindings(text)) {
    if (s.kind === 'lost-bytes' && s.end - s.start === 1 && text.charCodeAt(s.start) === 0x3f) {
      continue;
    }
    found.push({ start: s.start, end: s.end, kind: s.kind, recovered: s.recovered });
  }
  // `???` runs the repair module does not cover (at a line end, next to ASCII).
  const n = text.length;
  let from = 0;
  while ((from = text.indexOf('??', from)) >= 0) {
    let j = from + 2;
    while (j < n && text.charCodeAt(j) === 0x3f) {
      j++;
    }
    const before = from > 0 ? text.charCodeAt(from - 1) : -1;
    const after = j < n ? text.charCodeAt(j) : -1;
    if (isHan(before) || isHan(after) || j - from >= 3) {
      found.push({ start: from, end: j, kind: 'question-run', recovered: null });
    }
    from = j;
  }
  // `作用?;顒娱`, `到位?!皟砂`, `經(jīng)?;顒?,切實`: a lost character glued to a flattened full-width mark,
  // between Chinese (or after a pinyin gloss).
  from = 0;
  while ((from = text.indexOf('?', from)) >= 0) {
    const at = from;
    from++;
    const mark = text.charCodeAt(at + 1);
    if (
      (mark === 0x3b || mark === 0x21 || mark === 0x3a || mark === 0x2c) &&
      (isHan(at > 0 ? text.charCodeAt(at - 1) : -1) || text.charCodeAt(at - 1) === 0x29) &&
      isHan(at + 2 < n ? text.charCodeAt(at + 2) : -1) &&
      text.charCodeAt(at - 1) !== 0x3f
    ) {
      found.push({ start: at, end: at + 2, kind: 'question-run', recovered: null });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: BrokenSpan[] = [];
  for (const s of found) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      continue;
    }
    out.push(s);
  }
  return out;
}
