import type { DocContext } from '../document';
import { findTraditionalRuns, toSimplified } from '../text/repair';
import type { OffsetFix } from '../types';
import { brokenSpans } from './mojibake';
import { isTraditionalChar, textScan } from './scan';
import type { DetectorMatch } from './types';

/**
 * Encoding damage and traditional characters. The repair logic itself lives in
 * src/core/text/repair.ts (shared with the corpus cleaner); these detectors
 * turn its findings into diagnostics with fixes.
 */

// ---------------------------------------------------------------------------
// encoding.mojibake

function clip(s: string): string {
  return s.length > 20 ? s.slice(0, 19) + '…' : s;
}

export function detectMojibakeFindings(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  for (const s of brokenSpans(doc)) {
    const shown = clip(text.slice(s.start, s.end));
    let detail: string;
    const fixes: OffsetFix[] = [];
    switch (s.kind) {
      case 'misaligned-gbk':
        detail = `“${shown}”是错位解码的GBK乱码`;
        if (s.recovered !== null) {
          detail += `，原文应为“${clip(s.recovered)}”`;
          fixes.push({ title: `还原为“${clip(s.recovered)}”`, edits: [{ start: s.start, end: s.end, newText: s.recovered }], safe: false });
        } else {
          detail += '，有字符已丢失';
        }
        break;
      case 'pinyin-annotation':
        detail = `“${shown}”是网页转码留下的拼音注音`;
        fixes.push({ title: `删除“${shown}”`, edits: [{ start: s.start, end: s.end, newText: '' }], safe: true });
        break;
      case 'utf8-as-latin1':
        detail = `“${shown}”是按 Latin-1 误读的 UTF-8 文字`;
        if (s.recovered !== null) {
          detail += `，原文应为“${clip(s.recovered)}”`;
          fixes.push({ title: `还原为“${clip(s.recovered)}”`, edits: [{ start: s.start, end: s.end, newText: s.recovered }], safe: true });
        }
        break;
      case 'lost-bytes':
        detail = `“${shown}”处有字符在转码中丢失`;
        break;
      case 'question-run':
        detail = `“${shown}”是转码时丢失的文字`;
        break;
    }
    out.push({ start: s.start, end: s.end, detail, fixes });
  }
  return out;
}

// ---------------------------------------------------------------------------
// encoding.traditional

/**
 * Characters OpenCC turns into another simplified character although they are
 * themselves standard simplified characters in some words (乾坤, 於 as a
 * surname, 宫商角徵羽, 幺麽). They count only next to clearly traditional ones.
 */
const AMBIGUOUS = new Set(['乾', '於', '徵', '夥', '麽', '摺', '祇', '著', '瞭', '藉', '覆'].map(c => c.charCodeAt(0)));

const MAX_SHOWN = 4;

/**
 * The changed characters of one line: offsets in the text, and each one's
 * replacement (from the phrase-aware conversion of the whole line).
 */
interface Changes {
  pos: number[];
  /** Replacement of the character at `pos[k]`. */
  to(k: number): string;
  /** The text of a group `a` … `b - 1` with its characters replaced. */
  replaced(a: number, b: number): string;
}

function lineChanges(text: string, start: number, line: string): Changes {
  // Phrase-aware conversion of the whole line: `乾坤` stays, `乾燥` becomes `干燥`.
  const simplified = toSimplified(line);
  const pos: number[] = [];
  if (simplified.length === line.length) {
    // Character for character: the changed ones are where the two differ.
    for (let i = 0; i < line.length; i++) {
      if (line.charCodeAt(i) !== simplified.charCodeAt(i)) {
        pos.push(start + i);
      }
    }
    return {
      pos,
      to: k => simplified[pos[k] - start],
      // Every changed character between a group's first and last belongs to it, the others are unchanged.
      replaced: (a, b) => simplified.slice(pos[a] - start, pos[b - 1] + 1 - start),
    };
  }
  // A phrase conversion changed the length: character by character.
  const to: string[] = [];
  for (const r of findTraditionalRuns(line)) {
    for (let k = 0; k < r.text.length; k++) {
      const from = r.text[k];
      const t = r.simplified.length === r.text.length ? r.simplified[k] : toSimplified(from);
      if (from !== t) {
        pos.push(start + r.start + k);
        to.push(t);
      }
    }
  }
  return {
    pos,
    to: k => to[k],
    replaced: (a, b) => {
      let out = '';
      let at = pos[a];
      for (let k = a; k < b; k++) {
        out += text.slice(at, pos[k]) + to[k];
        at = pos[k] + 1;
      }
      return out;
    },
  };
}

/**
 * The lines with a character OpenCC changes on its own: those the shared
 * character pass knew, and those of its lines with characters OpenCC had not
 * been asked about that turn out to have one.
 */
function traditionalLines(doc: DocContext): number[] {
  const scan = textScan(doc);
  const known = scan.traditionalLines;
  const unasked = scan.unaskedLines;
  const out: number[] = [];
  let a = 0;
  let b = 0;
  while (a < known.length || b < unasked.length) {
    if (b >= unasked.length || (a < known.length && known.data[a] < unasked.data[b])) {
      out.push(known.data[a++]);
      continue;
    }
    const l = unasked.data[b++];
    const text = doc.text;
    let found = false;
    for (let i = doc.lines.lineStarts[l], end = doc.lines.lineEnd(l); i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x3400 && isTraditionalChar(c)) {
        found = true; // the rest of the line is asked about too, so later passes know its characters
      }
    }
    if (found) {
      out.push(l);
    }
  }
  return out;
}

export function detectTraditional(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  const lines = traditionalLines(doc);
  if (lines.length === 0) {
    return out;
  }
  const { lineStarts } = doc.lines;
  const broken = brokenSpans(doc);
  let b = 0;
  for (const l of lines) {
    const start = lineStarts[l];
    const changes = lineChanges(text, start, text.slice(start, doc.lines.lineEnd(l)));
    const pos = changes.pos;
    // A character that is also a standard simplified one (乾, 於, 徵) is no evidence on its own.
    if (!pos.some(p => !AMBIGUOUS.has(text.charCodeAt(p)))) {
      continue;
    }
    // Broken text is the mojibake rule's business: converting inside it would spoil its repair.
    // A group is a stretch pos[g] … pos[k - 1] of the changed characters.
    let g = 0;
    let k = 0;
    for (; k < pos.length; k++) {
      const p = pos[k];
      // Broken spans passed on the way from the previous character end the group.
      let crosses = false;
      while (b < broken.length && broken[b].end <= p) {
        if (k > g && broken[b].start > pos[k - 1]) {
          crosses = true;
        }
        b++;
      }
      const inBroken = b < broken.length && broken[b].start <= p;
      if ((inBroken || crosses) && k > g) {
        out.push(traditionalFinding(text, changes, g, k));
        g = k;
      }
      if (inBroken) {
        g = k + 1;
      }
    }
    if (k > g) {
      out.push(traditionalFinding(text, changes, g, k));
    }
  }
  return out;
}

/** One finding for the changed characters `a` … `b - 1` of one line. */
function traditionalFinding(text: string, changes: Changes, a: number, b: number): DetectorMatch {
  const { pos } = changes;
  const spanStart = pos[a];
  const spanEnd = pos[b - 1] + 1;
  const newText = changes.replaced(a, b);
  const pairs: string[] = [];
  const seen = new Set<number>();
  for (let k = a; k < b; k++) {
    const from = text.charCodeAt(pos[k]);
    if (!seen.has(from)) {
      seen.add(from);
      if (pairs.length < MAX_SHOWN) {
        pairs.push(`${text[pos[k]]}→${changes.to(k)}`);
      }
    }
  }
  const detail = pairs.join('、') + (seen.size > pairs.length ? ` 等 ${b - a} 处` : '');
  return {
    start: spanStart,
    end: spanEnd,
    detail,
    fixes: [{ title: '转换为简体字', edits: [{ start: spanStart, end: spanEnd, newText }], safe: true }],
  };
}
