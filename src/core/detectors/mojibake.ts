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
import * as scanning from './scan';

const isHan = chars.isHan;
// Local binding: hot code calls it directly instead of through the module object.
const textScan = scanning.textScan;

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
  return doc.memo('gongwen.brokenSpans', d => computeBroken(d));
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
 * for (the shared character pass records those characters), so clean text
 * costs nothing more.
 */
function repairFindings(doc: DocContext): MojibakeSpan[] {
  const text = doc.text;
  const out: MojibakeSpan[] = [];
  const marks = textScan(doc).damageMarks;
  const { lineStarts } = doc.lines;
  let line = -1;
  let flags = 0;
  const flush = () => {
    if (flags === 0) {
      return;
    }
    const lineStart = lineStarts[line];
    const lineText = text.slice(lineStart, doc.lines.lineEnd(line));
    const add = (start: number, end: number, kind: MojibakeKind, recovered: string | null) =>
      out.push({ start: lineStart + start, end: lineStart + end, kind, recovered });
    if (flags & Trigger.Lost) {
      for (const r of findMisalignedGbk(lineText)) {
        add(r.start, r.end, 'misaligned-gbk', r.recovered);
      }
      for (const r of findLostBytes(lineText)) {
        add(r.start, r.end, 'lost-bytes', null);
      }
    }
    if (flags & Trigger.Tone) {
      for (const r of findPinyinAnnotations(lineText)) {
        add(r.start, r.end, 'pinyin-annotation', '');
      }
    }
    if (flags & Trigger.Latin1) {
      for (const r of findUtf8AsLatin1(lineText)) {
        add(r.start, r.end, 'utf8-as-latin1', r.recovered);
      }
    }
  };
  for (let j = 0; j < marks.length; j++) {
    const i = marks.data[j];
    const c = text.charCodeAt(i);
    if (line < 0 || (line + 1 < lineStarts.length && lineStarts[line + 1] <= i)) {
      // The triggers of one line are gathered, then its finders run once.
      flush();
      flags = 0;
      line = doc.lines.lineAt(i);
    }
    flags |= triggerOf(c);
  }
  if (line >= 0) {
    flush();
  }
  return out;
}

function computeBroken(doc: DocContext): BrokenSpan[] {
  const text = doc.text;
  const found: BrokenSpan[] = [];
  for (const s of repairFindings(doc)) {
    if (s.kind === 'lost-bytes' && s.end - s.start === 1 && text.charCodeAt(s.start) === 0x3f) {
      continue;
    }
    found.push({ start: s.start, end: s.end, kind: s.kind, recovered: s.recovered });
  }
  // The `?` in the text, from the shared character pass.
  const damage = textScan(doc).damageMarks;
  const questions: number[] = [];
  for (let k = 0; k < damage.length; k++) {
    if (text.charCodeAt(damage.data[k]) === 0x3f) {
      questions.push(damage.data[k]);
    }
  }
  // `???` runs the repair module does not cover (at a line end, next to ASCII).
  const n = text.length;
  let next = 0;
  for (const from of questions) {
    if (from < next || text.charCodeAt(from + 1) !== 0x3f) {
      continue;
    }
    let j = from + 2;
    while (j < n && text.charCodeAt(j) === 0x3f) {
      j++;
    }
    const before = from > 0 ? text.charCodeAt(from - 1) : -1;
    const after = j < n ? text.charCodeAt(j) : -1;
    if (isHan(before) || isHan(after) || j - from >= 3) {
      found.push({ start: from, end: j, kind: 'question-run', recovered: null });
    }
    next = j;
  }
  // `作用?;顒娱`, `到位?!皟砂`, `經(jīng)?;顒?,切實`: a lost character glued to a flattened full-width mark,
  // between Chinese (or after a pinyin gloss).
  for (const at of questions) {
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
