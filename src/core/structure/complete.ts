import { canonicalMarker, LEVEL_NAMES, markerInStyle, type PartLevel } from './markers';
import { toChineseNumber } from './numerals';
import type { Outline, OutlinePart, SequenceItem, SequenceKind } from './types';

/** A number the writer probably types next at the cursor. */
export interface NextNumber {
  /** What is inserted: `三、`, `（三）`, `二是`, `第三，`. */
  text: string;
  /** Chinese explanation: `第一层：接着“二、”`. */
  detail: string;
  /** A heading marker (offered at the start of a line) or an inline sequence item. */
  kind: 'part' | 'sequence';
}

function nextItem(kind: SequenceKind, last: SequenceItem): string[] {
  const n = toChineseNumber(last.value + 1);
  switch (kind) {
    case '一是':
      return [`${n}是`];
    case '一要':
      return [`${n}要`];
    case '第一':
      // Continue in the writer's form (`第二点意见：`), with the comma a bare 第二 takes (`第一,` goes on as `第二，`).
      return [(last.wrongMark || last.marker.endsWith(',') ? last.canonical : last.marker).replace(/[一二三四五六七八九十]+/, n)];
    case '首先':
      // 首先 → 其次, 其次 → 再次, and after 再次 (or 最后, value 0) only what is left.
      return last.value === 0 ? [] : last.value === 1 ? ['其次，', '最后，'] : last.value === 2 ? ['再次，', '最后，'] : ['最后，'];
  }
}

/** The marker after part `p` on its level: in the writer's form when the checks accept it (`1．` → `2．`). */
function nextMarker(p: OutlinePart): string {
  return p.wrongMark ? canonicalMarker(p.level, p.value + 1) : markerInStyle(p.level, p.style, p.value + 1);
}

/** The last part, on any level, whose marker starts before `offset`: the innermost part the cursor is in. */
function partBefore(parts: readonly OutlinePart[], offset: number): OutlinePart | null {
  let found: OutlinePart | null = null;
  for (const p of parts) {
    if (p.markerStart >= offset) {
      break;
    }
    found = partBefore(p.children, offset) ?? p;
  }
  return found;
}

/**
 * The next numbers from the document's current state at `offset` on `line`:
 * after `二、` → `三、`; inside part 三 after `（二）` → `（三）` (and `四、`);
 * after `一是` → `二是`. The innermost level comes first.
 */
export function nextNumbers(outline: Outline, line: number, offset: number, atLineStart: boolean): NextNumber[] {
  const speech = outline.speeches.find(s => s.startLine <= line && line <= s.endLine) ?? outline.speeches[outline.speeches.length - 1];
  const out: NextNumber[] = [];
  // The chain of parts the cursor is in: the last part on each level that starts above the cursor line.
  const chain: OutlinePart[] = [];
  let list: readonly OutlinePart[] = speech.parts;
  while (list.length) {
    let last: OutlinePart | undefined;
    for (const p of list) {
      if (p.line < line) {
        last = p;
      } else {
        break;
      }
    }
    if (!last) {
      break;
    }
    chain.push(last);
    list = last.children;
  }
  // Inline sequence: the last item before the cursor inside the innermost part (a heading earlier on the cursor's own
  // line included: its part starts a new list).
  const scopeStart = partBefore(speech.parts, offset)?.markerStart ?? speech.start;
  let lastItem: { kind: SequenceKind; item: SequenceItem } | null = null;
  for (const seq of speech.sequences) {
    for (const item of seq.items) {
      if (item.start >= scopeStart && item.end <= offset && (!lastItem || item.start > lastItem.item.start)) {
        lastItem = { kind: seq.kind, item };
      }
    }
  }
  if (lastItem) {
    for (const text of nextItem(lastItem.kind, lastItem.item)) {
      out.push({ text, detail: `接着“${lastItem.item.marker.replace(/[，,、：:]$/, '')}”`, kind: 'sequence' });
    }
  }
  // Headings belong between the salutation (or the title block) and the closing.
  const beforeBody = (speech.salutation !== null && line <= speech.salutation.line) || (speech.titleBlock !== null && line <= speech.titleBlock.endLine);
  const afterClosing = speech.closing !== null && line > speech.closing.line;
  if (atLineStart && !beforeBody && !afterClosing) {
    for (let d = chain.length - 1; d >= 0; d--) {
      const p = chain[d];
      out.push({ text: nextMarker(p), detail: `${LEVEL_NAMES[p.level]}：接着“${p.marker.trim()}”`, kind: 'part' });
      if (d === chain.length - 1 && p.level < 5 && p.children.every(c => c.line >= line)) {
        const child = (p.level + 1) as PartLevel;
        out.push({ text: canonicalMarker(child, 1), detail: `${LEVEL_NAMES[child]}：“${p.marker.trim()}”下的第一个小标题`, kind: 'part' });
      }
    }
    if (chain.length === 0) {
      out.push({ text: canonicalMarker(1, 1), detail: `${LEVEL_NAMES[1]}：第一个部分`, kind: 'part' });
    }
  }
  return out;
}
