import type { OffsetEdit } from '../types';
import { markerInStyle } from './markers';
import { toChineseNumber } from './numerals';
import type { Outline, OutlinePart, Sequence, SpeechOutline } from './types';

/**
 * Parts that are numbered together: the children of one parent (or a speech's top level) on one level. With
 * `points` (`pointStarts`), a list that starts again at 1 after a `第二，` paragraph is a new group: each point
 * of a `第一，……第二，……` speech numbers its own list.
 */
export function siblingGroups(parts: readonly OutlinePart[], points: readonly number[] = []): OutlinePart[][] {
  const groups: OutlinePart[][] = [];
  collectGroups(parts, groups);
  return points.length === 0 ? groups : groups.flatMap(g => splitAtPoints(g, points));
}

/** Where the items of a speech's `第一，……第二，……` points start (ascending), for `siblingGroups`. */
export function pointStarts(speech: SpeechOutline): number[] {
  return speech.sequences
    .filter(s => s.kind === '第一' && s.items.length > 1)
    .flatMap(s => s.items.map(i => i.start))
    .sort((a, b) => a - b);
}

/** `group` cut before each part numbered 1 that has a point (an offset of `points`) between it and the part before. */
function splitAtPoints(group: OutlinePart[], points: readonly number[]): OutlinePart[][] {
  const out: OutlinePart[][] = [[group[0]]];
  let k = 0;
  for (let i = 1; i < group.length; i++) {
    const prev = group[i - 1].markerStart;
    const p = group[i];
    while (k < points.length && points[k] <= prev) {
      k++;
    }
    if (p.value === 1 && k < points.length && points[k] < p.markerStart) {
      out.push([p]);
    } else {
      out[out.length - 1].push(p);
    }
  }
  return out;
}

/** The groups of one list (levels in order of first appearance), then those of each part's children in order. */
function collectGroups(list: readonly OutlinePart[], groups: OutlinePart[][]): void {
  if (list.length === 0) {
    return;
  }
  const first = groups.length;
  for (const p of list) {
    let g: OutlinePart[] | undefined;
    for (let i = first; i < groups.length; i++) {
      if (groups[i][0].level === p.level) {
        g = groups[i];
        break;
      }
    }
    if (g) {
      g.push(p);
    } else {
      groups.push([p]);
    }
  }
  for (const p of list) {
    if (p.children.length > 0) {
      collectGroups(p.children, groups);
    }
  }
}

/** The edits that number a group of sibling parts 1, 2, 3 … in order, keeping each marker's written form. */
export function renumberParts(group: readonly OutlinePart[], text: string): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  group.forEach((p, i) => {
    const want = markerInStyle(p.level, p.style, i + 1);
    if (text.slice(p.markerStart, p.markerEnd) !== want) {
      edits.push({ start: p.markerStart, end: p.markerEnd, newText: want });
    }
  });
  return edits;
}

/** The edits that number an inline sequence 一是、二是、三是 … (or 第一，第二，…) in order. */
export function renumberSequence(seq: Sequence): OffsetEdit[] {
  if (seq.kind === '首先') {
    return [];
  }
  const edits: OffsetEdit[] = [];
  seq.items.forEach((item, i) => {
    // Only the number changes: `三是` → `二是`, `第三点意见：` → `第二点意见：`.
    const want = item.marker.replace(/[一二三四五六七八九十]+/, toChineseNumber(i + 1));
    if (item.marker !== want) {
      edits.push({ start: item.start, end: item.end, newText: want });
    }
  });
  return edits;
}

function speechAt(outline: Outline, line: number): SpeechOutline | undefined {
  return outline.speeches.find(s => s.startLine <= line && line <= s.endLine);
}

export interface RenumberPlan {
  /** What is renumbered, for messages: `第一层（一、）`, `“一是”序列`. */
  label: string;
  edits: OffsetEdit[];
}

/**
 * What to renumber for a cursor on `line` (and at `offset` within the text):
 * an inline sequence item under the cursor, else the heading on the line, else
 * the innermost part that contains the line. Null when the line is in no part.
 */
export function renumberAt(outline: Outline, text: string, line: number, offset?: number): RenumberPlan | null {
  const speech = speechAt(outline, line);
  if (!speech) {
    return null;
  }
  if (offset !== undefined) {
    const seq = speech.sequences.find(s => s.items.some(it => it.line === line && it.start <= offset && offset <= it.end));
    if (seq && seq.kind !== '首先') {
      return { label: `“${seq.kind}”序列`, edits: renumberSequence(seq) };
    }
  }
  let target: OutlinePart | undefined;
  const find = (list: readonly OutlinePart[]) => {
    for (const p of list) {
      if (p.line === line) {
        target = p;
        return;
      }
      if (p.line <= line && line <= p.endLine) {
        target = p;
        find(p.children);
        return;
      }
    }
  };
  find(speech.parts);
  if (!target) {
    return null;
  }
  const group = siblingGroups(speech.parts, pointStarts(speech)).find(g => g.includes(target!));
  if (!group) {
    return null;
  }
  return { label: `第${toChineseNumber(target.level)}层（${markerInStyle(target.level, target.style, 1)}）`, edits: renumberParts(group, text) };
}
