import type { DocContext } from '../document';
import type { DetectorMatch } from '../detectors/types';
import type { OffsetFix, RelatedSpan } from '../types';
import { genreRegistry, type GenreProfile, type GenreRegistry } from './genres';
import { LEVEL_FORMS, LEVEL_NAMES, markerInStyle, type PartLevel } from './markers';
import { toChineseNumber } from './numerals';
import { getOutline } from './parse';
import { pointStarts, renumberParts, renumberSequence, siblingGroups } from './renumber';
import type { OutlinePart, Sequence, SequenceItem, SpeechOutline } from './types';

/**
 * The structural detectors (rules in data/rules/structure.yaml name them).
 * Each reads the shared outline (`getOutline(doc)`, parsed once per document)
 * and reports in `detail` a complete Chinese sentence.
 */

const MAX_RELATED = 12;

/** 2 → 两, 3 → 三: a count in prose. */
function countWord(n: number): string {
  return n === 2 ? '两' : toChineseNumber(n);
}

function itemName(kind: Sequence['kind'], value: number): string {
  const n = toChineseNumber(value);
  return kind === '一是' ? `${n}是` : kind === '一要' ? `${n}要` : kind === '第一' ? `第${n}` : value === 0 ? '最后' : ['', '首先', '其次', '再次'][value] ?? n;
}

function partSpan(p: OutlinePart, message: string): RelatedSpan {
  return { start: p.markerStart, end: Math.max(p.markerEnd, p.titleEnd), message };
}

/** The parts the opening announcement counts: the speech's top level. */
function topGroup(speech: SpeechOutline): OutlinePart[] {
  if (speech.parts.length === 0) {
    return [];
  }
  const level = Math.min(...speech.parts.map(p => p.level));
  return speech.parts.filter(p => p.level === level);
}

/** `我讲三点意见` followed by four parts (or a 第一/第二 run that does not match). */
export function detectAnnouncedCount(doc: DocContext): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  for (const speech of getOutline(doc).speeches) {
    const a = speech.announced;
    if (!a && speech.announcements.length === 0) {
      continue;
    }
    const counted = speech.sequences.filter(s => s.kind !== '首先');
    if (a && a.count !== null) {
      const group = topGroup(speech);
      // `第一，……` paragraphs around the numbered parts (the parts nested in a point) are the points announced.
      const points = group.length > 0 ? enclosingPoints(counted, group) : undefined;
      if (points) {
        pushSequenceCount(out, a, points);
      } else if (group.length > 0) {
        const n = group.length;
        const last = group[n - 1].value;
        // Runs that restart at 1 (one list per point whose lead sentences carry no number) count as one point each.
        const runs = group.filter((p, i) => i === 0 || p.value <= group[i - 1].value).length;
        if (a.count !== n && a.count !== last && !(runs > 1 && a.count === runs)) {
          const markers = group.map(p => p.canonical).join('');
          out.push({
            start: a.start,
            end: a.end,
            detail: `开头说讲${countWord(a.count)}点，后面却有${countWord(n)}个部分（${markers}）`,
            related: group.slice(0, MAX_RELATED).map((p, i) => partSpan(p, `第${toChineseNumber(i + 1)}个部分：${p.marker}${p.title}`)),
          });
        }
      } else {
        // Without numbered parts the points are the first list after the announcement: `首先……其次……最后` too
        // (only as a list: a lone `首先，` opens a sentence).
        const seq = speech.sequences.find(s => s.items[0].start > a.end && (s.kind !== '首先' || s.items.length > 1));
        if (seq && seq.items[0].line - a.line <= 4) {
          pushSequenceCount(out, a, seq);
        }
      }
    }
    // `我再强调三点：一是……二是……` inside the speech: compare with the sequence right after it.
    // Announcements and sequences are both in document order: one pointer walks the sequences.
    let j = 0;
    for (const ann of speech.announcements) {
      while (j < counted.length && counted[j].items[0].start <= ann.end) {
        j++;
      }
      if (ann.count === null) {
        continue;
      }
      const seq = counted[j];
      if (seq && seq.items[0].line - ann.line <= 2 && seq.items[0].value === 1) {
        pushSequenceCount(out, ann, seq);
      }
    }
  }
  return out;
}

/**
 * A `第一` sequence whose points hold the parts of `group`: it begins before the first part and goes on after
 * it (`第一，……第二，…… 1.…… 2.…… 第三，…… 1.……`), or after the last part.
 */
function enclosingPoints(sequences: readonly Sequence[], group: readonly OutlinePart[]): Sequence | undefined {
  const first = group[0].line;
  return sequences.find(s => s.kind === '第一' && s.items.length > 1 && s.items[0].line < first && s.items[s.items.length - 1].line > first);
}

function pushSequenceCount(out: DetectorMatch[], a: { start: number; end: number; count: number | null }, seq: Sequence): void {
  const n = seq.items.length;
  const last = seq.items[n - 1].value;
  if (a.count === null || a.count === n || a.count === last) {
    return;
  }
  out.push({
    start: a.start,
    end: a.end,
    detail: `说了${countWord(a.count)}点，后面却列了${countWord(n)}项（${seq.items.map(i => i.marker.replace(/[，,、：:]$/, '')).join('、')}）`,
    related: seq.items.slice(0, MAX_RELATED).map(i => ({ start: i.start, end: i.end, message: `第${toChineseNumber(i.value || n)}项` })),
  });
}

/** Gaps, repeats, restarts and disorder in part numbering and in inline sequences. */
export function detectNumbering(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  for (const speech of getOutline(doc).speeches) {
    for (const group of siblingGroups(speech.parts, pointStarts(speech))) {
      if (isOrderedRun(group)) {
        continue;
      }
      const level = group[0].level;
      // One renumbering per group, shared by all its findings (a long broken list stays linear).
      let fixes: OffsetFix[] | undefined;
      const fix = (): OffsetFix[] => {
        if (!fixes) {
          const edits = renumberParts(group, text);
          fixes = edits.length ? [{ title: `重新编号本层（${LEVEL_FORMS[level]}……）`, edits, safe: false }] : [];
        }
        return fixes;
      };
      checkRun(
        group.map(p => ({ value: p.value, start: p.markerStart, end: p.markerEnd, name: p.marker.trim() })),
        `${LEVEL_NAMES[level]}序号`,
        v => markerInStyle(level, group[0].style, v),
        true,
        fix,
        out,
      );
    }
    for (const seq of speech.sequences) {
      if (seq.kind === '首先' || isOrderedRun(seq.items)) {
        continue;
      }
      let fixes: OffsetFix[] | undefined;
      const fix = (): OffsetFix[] => {
        if (!fixes) {
          const edits = renumberSequence(seq);
          fixes = edits.length ? [{ title: `重新编号（${itemName(seq.kind, 1)}、${itemName(seq.kind, 2)}……）`, edits, safe: false }] : [];
        }
        return fixes;
      };
      checkRun(
        seq.items.map((i: SequenceItem) => ({ value: i.value, start: i.start, end: i.end, name: itemName(seq.kind, i.value) })),
        `“${seq.kind}”序列`,
        v => itemName(seq.kind, v),
        false,
        fix,
        out,
      );
    }
  }
  return out;
}

/** Numbered 1, 2, 3 … with nothing missing, repeated or out of order: `checkRun` has nothing to report. */
function isOrderedRun(items: ReadonlyArray<{ value: number }>): boolean {
  if (items.length === 0 || items[0].value > 1) {
    return false;
  }
  for (let i = 1; i < items.length; i++) {
    if (items[i].value !== items[i - 1].value + 1) {
      return false;
    }
  }
  return true;
}

interface RunItem {
  value: number;
  start: number;
  end: number;
  name: string;
}

function checkRun(items: RunItem[], what: string, name: (v: number) => string, restarts: boolean, fix: () => OffsetFix[], out: DetectorMatch[]): void {
  let prev: RunItem | null = null;
  for (const it of items) {
    let detail: string | null = null;
    if (!prev) {
      if (it.value > 1) {
        const missing = Array.from({ length: Math.min(it.value - 1, 5) }, (_, k) => `“${name(k + 1)}”`).join('');
        detail = `${what}从“${it.name}”开始，缺少${missing}`;
      }
    } else if (it.value === prev.value) {
      detail = `${what}“${it.name}”重复`;
    } else if (it.value === prev.value + 1) {
      detail = null;
    } else if (it.value > prev.value + 1) {
      const missing = Array.from({ length: Math.min(it.value - prev.value - 1, 5) }, (_, k) => `“${name(prev!.value + k + 1)}”`).join('');
      detail = `${what}不连续：“${prev.name}”之后是“${it.name}”，缺少${missing}`;
    } else if (it.value === 1 && restarts) {
      detail = `${what}在“${prev.name}”之后又从“${it.name}”重新开始`;
    } else {
      detail = `${what}顺序错乱：“${prev.name}”之后是“${it.name}”`;
    }
    if (detail) {
      const related: RelatedSpan[] = prev ? [{ start: prev.start, end: prev.end, message: `前一个序号“${prev.name}”` }] : [];
      out.push({ start: it.start, end: it.end, detail, fixes: fix(), related });
    }
    prev = it;
  }
}

/** One level written in two forms in the same speech (`1.` and `1、`, `（一）` and `(一)`). */
export function detectMixedStyle(doc: DocContext): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  for (const speech of getOutline(doc).speeches) {
    if (!hasMixedStyle(speech.parts, [])) {
      continue;
    }
    const byLevel = new Map<PartLevel, OutlinePart[]>();
    const walk = (ps: readonly OutlinePart[]) => {
      for (const p of ps) {
        const list = byLevel.get(p.level);
        if (list) {
          list.push(p);
        } else {
          byLevel.set(p.level, [p]);
        }
        walk(p.children);
      }
    };
    walk(speech.parts);
    for (const [level, parts] of byLevel) {
      const counts = new Map<string, OutlinePart[]>();
      for (const p of parts) {
        const list = counts.get(p.style);
        if (list) {
          list.push(p);
        } else {
          counts.set(p.style, [p]);
        }
      }
      if (counts.size < 2) {
        continue;
      }
      const ranked = [...counts.entries()].sort((a, b) => b[1].length - a[1].length || a[1][0].markerStart - b[1][0].markerStart);
      const [, majorParts] = ranked[0];
      const minority = ranked.slice(1).map(([, ps]) => ps[0]).sort((a, b) => a.markerStart - b.markerStart)[0];
      out.push({
        start: minority.markerStart,
        end: minority.markerEnd,
        detail: `${LEVEL_NAMES[level]}序号写法不统一：${ranked.map(([, ps]) => `“${ps[0].marker}”式${ps.length}处`).join('，')}（应统一为“${LEVEL_FORMS[level]}”）`,
        related: [{ start: majorParts[0].markerStart, end: majorParts[0].markerEnd, message: `多数写作“${majorParts[0].marker}”` }],
      });
    }
  }
  return out;
}

/** Whether some level of the tree is written in two styles; `seen` holds the first style of each level. */
function hasMixedStyle(parts: readonly OutlinePart[], seen: string[]): boolean {
  for (const p of parts) {
    const style = seen[p.level];
    if (style === undefined) {
      seen[p.level] = p.style;
    } else if (style !== p.style) {
      return true;
    }
    if (p.children.length > 0 && hasMixedStyle(p.children, seen)) {
      return true;
    }
  }
  return false;
}

/** `一、` followed directly by `1.` with no `（一）` between (a hint: the standard does not forbid it outright). */
export function detectSkippedLevel(doc: DocContext): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  for (const speech of getOutline(doc).speeches) {
    for (const p of speech.parts) {
      pushSkippedLevels(p, out);
    }
  }
  return out;
}

/** Children of `parent` more than one level below it (once per level), then the same within each child, in document order. */
function pushSkippedLevels(parent: OutlinePart, out: DetectorMatch[]): void {
  let reported: Set<number> | undefined;
  for (const c of parent.children) {
    if (c.level > parent.level + 1 && !reported?.has(c.level)) {
      (reported ??= new Set()).add(c.level);
      const skipped = Array.from({ length: c.level - parent.level - 1 }, (_, k) => `“${LEVEL_FORMS[(parent.level + k + 1) as PartLevel]}”`).join('');
      out.push({
        start: c.markerStart,
        end: c.markerEnd,
        detail: `“${parent.marker}”下直接用了“${c.marker}”，跳过了${skipped}这一层`,
        related: [partSpan(parent, '上一层标题')],
      });
    }
    pushSkippedLevels(c, out);
  }
}

/** Whether the text has a `\r\n` line break (every `\r\n` in the text is one, so the line starts tell). */
function hasCrLf(doc: DocContext): boolean {
  const starts = doc.lines.lineStarts;
  const text = doc.text;
  for (let i = 1; i < starts.length; i++) {
    const s = starts[i];
    if (s >= 2 && text.charCodeAt(s - 1) === 10 && text.charCodeAt(s - 2) === 13) {
      return true;
    }
  }
  return false;
}

/** A salutation that ends with a comma, an exclamation mark or nothing instead of the colon: `同志们，` → `同志们：`. */
export function detectSalutationMark(doc: DocContext): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  for (const speech of getOutline(doc).speeches) {
    const s = speech.salutation;
    if (!s || s.wrongEnd === null) {
      continue;
    }
    const end = s.start + doc.text.slice(s.start, s.end).trimEnd().length;
    const at = end - s.wrongEnd.length;
    const fixed = `${doc.text.slice(s.start, at)}：`;
    out.push({
      start: s.start,
      end,
      detail: s.wrongEnd === '' ? `称呼“${fixed.slice(0, -1)}”后缺少冒号` : `称呼后应用冒号，不用“${s.wrongEnd}”`,
      fixes: [{ title: `改为“${fixed}”`, edits: [{ start: at, end, newText: '：' }], safe: true }],
    });
  }
  return out;
}

/** The span of a line without the white space at its ends. */
function trimmedLine(doc: DocContext, line: number): { start: number; end: number } {
  const content = doc.lines.lineText(line);
  const start = doc.lines.lineStarts[line];
  return { start: start + (content.length - content.trimStart().length), end: start + content.trimEnd().length };
}

/** A speech title that ends with a full stop (`在全市人大工作会议上的讲话。`): by convention a title has none. */
export function detectTitleStop(doc: DocContext): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  for (const speech of getOutline(doc).speeches) {
    const t = speech.titleBlock;
    if (!t || t.title === null || !t.title.endsWith('。')) {
      continue;
    }
    // The stop ends the title's line (trailing white space aside).
    const { end } = trimmedLine(doc, t.line);
    if (doc.text.charCodeAt(end - 1) !== 0x3002) {
      continue;
    }
    out.push({
      start: end - 1,
      end,
      detail: '标题末尾一般不用句号',
      fixes: [{ title: '删去标题末尾的句号', edits: [{ start: end - 1, end, newText: '' }], safe: false }],
    });
  }
  return out;
}

/** A title as compared with the subtitle: without white space and a final mark. */
const titleKey = (s: string) => s.replace(/\s+/g, '').replace(/[。！？!?]$/, '');

/** A subtitle that repeats the main title word for word (`在全县人大工作会议上的讲话` / `——在全县人大工作会议上的讲话`). */
export function detectSubtitleRepeat(doc: DocContext): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  for (const speech of getOutline(doc).speeches) {
    const t = speech.titleBlock;
    if (!t || t.title === null || t.subtitle === null || t.subtitleLine === null || titleKey(t.title) !== titleKey(t.subtitle) || titleKey(t.title) === '') {
      continue;
    }
    const line = t.subtitleLine;
    const start = doc.lines.lineStarts[line];
    const next = line + 1 < doc.lines.lineCount ? doc.lines.lineStarts[line + 1] : doc.lines.lineEnd(line);
    out.push({
      ...trimmedLine(doc, line),
      detail: `副标题与主标题相同：“${t.title}”。主标题应概括讲话主题，副标题写明场合（——在……上的讲话）；只有一个标题时删去副标题`,
      fixes: [{ title: '删去副标题', edits: [{ start, end: next, newText: '' }], safe: false }],
    });
  }
  return out;
}

/** A heading that runs straight into its text: `四、……确保全年目标任务高质量完成一要努力……`. */
export function detectRunOn(doc: DocContext): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  for (const speech of getOutline(doc).speeches) {
    pushRunOns(speech.parts, doc, out);
  }
  return out;
}

function pushRunOns(parts: readonly OutlinePart[], doc: DocContext, out: DetectorMatch[]): void {
  for (const p of parts) {
    if (p.runOnAt !== null) {
      const at = p.runOnAt;
      // The break the document uses, looked up once and only when needed.
      const eol = doc.memo('structure.eol', d => (hasCrLf(d) ? '\r\n' : '\n'));
      out.push({
        start: p.titleStart,
        end: at,
        detail: `标题“${p.marker}${p.title}”与正文连在一起，标题后应加句号或另起一段`,
        fixes: [
          { title: '标题后另起一段', edits: [{ start: at, end: at, newText: eol }], safe: false },
          { title: '标题后加句号', edits: [{ start: at, end: at, newText: '。' }], safe: false },
        ],
      });
    }
    if (p.children.length > 0) {
      pushRunOns(p.children, doc, out);
    }
  }
}

/** Wrong marks after numbers: `1、`→`1.`, `（一）、`→`（一）`, `(一)`→`（一）`, `一.`→`一、`, `第一、`→`第一，`. */
export function detectWrongMark(doc: DocContext): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  for (const speech of getOutline(doc).speeches) {
    pushWrongMarks(speech.parts, out);
    for (const seq of speech.sequences) {
      for (const it of seq.items) {
        if (it.wrongMark) {
          out.push({
            start: it.start,
            end: it.end,
            detail: `“${it.marker}”后应用逗号：“${it.canonical}”`,
            fixes: [{ title: `改为“${it.canonical}”`, edits: [{ start: it.start, end: it.end, newText: it.canonical }], safe: true }],
          });
        }
      }
    }
  }
  return out;
}

function pushWrongMarks(parts: readonly OutlinePart[], out: DetectorMatch[]): void {
  for (const p of parts) {
    if (p.wrongMark) {
      out.push({
        start: p.markerStart,
        end: p.markerEnd,
        detail: `${LEVEL_NAMES[p.level]}序号“${p.marker}”应写作“${p.canonical}”`,
        fixes: [{ title: `改为“${p.canonical}”`, edits: [{ start: p.markerStart, end: p.markerEnd, newText: p.canonical }], safe: true }],
      });
    }
    if (p.children.length > 0) {
      pushWrongMarks(p.children, out);
    }
  }
}

/** Whether a stretch of text is a speech at all (not a note or a README): some speech structure is present. */
function looksLikeSpeech(s: SpeechOutline): boolean {
  return (
    s.salutation !== null ||
    s.announced !== null ||
    s.closing !== null ||
    s.parts.length >= 2 ||
    /讲话|致辞|发言|开幕词|闭幕词/.test(s.titleBlock?.title ?? '')
  );
}

/** The first line with content in the speech (where a missing title or salutation is reported). */
function firstContent(doc: DocContext, s: SpeechOutline): { start: number; end: number } {
  for (let line = s.startLine; line <= s.endLine; line++) {
    const t = doc.lines.lineText(line);
    if (t.trim().length > 0 && !/^\s*<!--|^---$/.test(t)) {
      const start = doc.lines.lineStarts[line] + (t.length - t.trimStart().length);
      return { start, end: doc.lines.lineEnd(line) };
    }
  }
  return { start: s.start, end: s.start };
}

function lastContent(doc: DocContext, s: SpeechOutline): { start: number; end: number } {
  for (let line = s.endLine; line >= s.startLine; line--) {
    const t = doc.lines.lineText(line);
    if (t.trim().length > 0) {
      const start = doc.lines.lineStarts[line] + (t.length - t.trimStart().length);
      return { start, end: doc.lines.lineEnd(line) };
    }
  }
  return { start: s.end, end: s.end };
}

/** Parts a speech of its genre is expected to have (genre profiles in data/genres). */
export function detectMissingParts(doc: DocContext, params: Readonly<Record<string, unknown>> = {}, registry: GenreRegistry = genreRegistry): DetectorMatch[] {
  // Without loaded profiles (a host that uses only the core, the rule engine's inline tests) the rule's own baseline applies.
  const baseline: GenreProfile | undefined =
    params.requires && typeof params.requires === 'object' ? { id: 'speech', name: String(params.name ?? '讲话稿'), requires: params.requires as GenreProfile['requires'] } : undefined;
  const out: DetectorMatch[] = [];
  const outline = getOutline(doc);
  for (const speech of outline.speeches) {
    if (!looksLikeSpeech(speech)) {
      continue;
    }
    const profile = registry.resolve(outline, speech, doc.options.genre) ?? baseline;
    if (!profile) {
      continue;
    }
    const req = profile.requires;
    const genre = `（体裁：${profile.name}）`;
    const firstPart = speech.parts[0];
    const bodyAt = speech.opening ?? (firstPart ? { start: firstPart.markerStart, end: firstPart.titleEnd } : firstContent(doc, speech));
    if (req.titleBlock && !speech.titleBlock) {
      out.push({ ...firstContent(doc, speech), detail: `缺少标题（如“在××会议上的讲话”，下有讲话人和日期）${genre}` });
    }
    if (req.salutation && !speech.salutation) {
      const words = profile.salutation?.length ? `${profile.salutation[0]}、同志们：` : '同志们：';
      out.push({ start: bodyAt.start, end: bodyAt.end, detail: `缺少称呼（如“${words}”）${genre}` });
    } else if (speech.salutation && profile.salutation?.length && !profile.salutation.some(w => speech.salutation!.text.includes(w))) {
      out.push({
        start: speech.salutation.start,
        end: speech.salutation.end,
        severity: 'hint',
        detail: `${profile.name}的称呼通常包括“${profile.salutation.join('”或“')}”`,
      });
    }
    if (req.openingPurpose && !(speech.opening && speech.opening.purpose)) {
      out.push({ start: bodyAt.start, end: bodyAt.end, detail: `开头没有交代会议的目的和主要任务（如“今天，我们召开……会议，主要任务是……”）${genre}` });
    }
    if (profile.openingWords?.length && speech.opening && !hasWords(doc, speech, profile.openingWords)) {
      out.push({
        start: speech.opening.start,
        end: speech.opening.end,
        severity: 'hint',
        detail: `${profile.name}的开头通常有“${profile.openingWords.join('”或“')}”等语句`,
      });
    }
    if (req.announcement && !speech.announced && speech.parts.length >= 2) {
      out.push({ start: firstPart.markerStart, end: firstPart.titleEnd, detail: `正文前没有交代要讲几点（如“下面，我讲三点意见”）${genre}` });
    }
    if (req.closing && !speech.closing) {
      out.push({ ...lastContent(doc, speech), detail: `缺少结尾（号召、希望或“谢谢大家！”）${genre}` });
    }
  }
  return out;
}

/** Whether the opening paragraphs (before the first part) contain one of the words. */
function hasWords(doc: DocContext, speech: SpeechOutline, words: readonly string[]): boolean {
  const end = speech.parts[0]?.markerStart ?? speech.end;
  const from = speech.opening?.start ?? speech.start;
  const head = doc.text.slice(from, Math.min(end, from + 4000));
  return words.some(w => head.includes(w));
}
