import type { GenreRegistry } from './genres';
import type { Outline, OutlinePart, SpeechOutline } from './types';

/**
 * The outline in the JSON contract of `gongwen outline --format json`
 * (other tools read it): zero-based lines, no offsets.
 */

export interface PartJson {
  level: number;
  marker: string;
  value: number;
  title: string;
  line: number;
  endLine: number;
  children: PartJson[];
}

export interface SpeechJson {
  startLine: number;
  endLine: number;
  /** The genre profile the speech is checked against (null when no profiles are loaded). */
  genre: string | null;
  titleBlock: { title: string | null; subtitle: string | null; speaker: string | null; date: string | null; line: number } | null;
  salutation: { text: string; line: number } | null;
  opening: { text: string; line: number; purpose: boolean } | null;
  announced: { count: number | null; text: string; line: number } | null;
  parts: PartJson[];
  sequences: Array<{ kind: string; items: Array<{ marker: string; value: number; line: number }> }>;
  closing: { text: string; line: number } | null;
}

export interface OutlineJson extends SpeechJson {
  speeches: SpeechJson[];
}

function partJson(p: OutlinePart): PartJson {
  return { level: p.level, marker: p.marker, value: p.value, title: p.title, line: p.line, endLine: p.endLine, children: p.children.map(partJson) };
}

function speechJson(outline: Outline, s: SpeechOutline, registry: GenreRegistry | undefined, chosen: string | undefined): SpeechJson {
  const tb = s.titleBlock;
  return {
    startLine: s.startLine,
    endLine: s.endLine,
    genre: registry?.resolve(outline, s, chosen)?.id ?? null,
    titleBlock: tb ? { title: tb.title, subtitle: tb.subtitle, speaker: tb.speaker, date: tb.date, line: tb.line } : null,
    salutation: s.salutation ? { text: s.salutation.text, line: s.salutation.line } : null,
    opening: s.opening ? { text: s.opening.text, line: s.opening.line, purpose: s.opening.purpose } : null,
    announced: s.announced ? { count: s.announced.count, text: s.announced.text, line: s.announced.line } : null,
    parts: s.parts.map(partJson),
    sequences: s.sequences.map(q => ({ kind: q.kind, items: q.items.map(i => ({ marker: i.marker, value: i.value, line: i.line })) })),
    closing: s.closing ? { text: s.closing.text, line: s.closing.line } : null,
  };
}

/** The document's outline as JSON: the first speech's fields at the top, every speech in `speeches`. */
export function outlineToJson(outline: Outline, registry?: GenreRegistry, chosenGenre?: string): OutlineJson {
  const speeches = outline.speeches.map(s => speechJson(outline, s, registry, chosenGenre));
  return { ...speeches[0], speeches };
}

/** A readable outline (one-based line numbers, as editors show them). */
export function outlineToText(outline: Outline, registry?: GenreRegistry, chosenGenre?: string): string {
  const out: string[] = [];
  const many = outline.speeches.length > 1;
  outline.speeches.forEach((s, k) => {
    const ln = (n: number) => `第${n + 1}行`;
    const indent = many ? '  ' : '';
    if (many) {
      out.push(`【第${k + 1}篇】${ln(s.startLine)}至${ln(s.endLine)}`);
    }
    const genre = registry?.resolve(outline, s, chosenGenre);
    if (genre) {
      out.push(`${indent}体裁：${genre.name}（${genre.id}）`);
    }
    const tb = s.titleBlock;
    if (tb) {
      const extra = [tb.subtitle && `副标题：${tb.subtitle}`, tb.speaker && `讲话人：${tb.speaker}`, tb.date && `日期：${tb.date}`].filter(Boolean).join('；');
      out.push(`${indent}标题：${tb.title ?? '（无）'}${extra ? `；${extra}` : ''}（${ln(tb.line)}）`);
    } else {
      out.push(`${indent}标题：（未找到）`);
    }
    out.push(`${indent}称呼：${s.salutation ? `${s.salutation.text}（${ln(s.salutation.line)}）` : '（未找到）'}`);
    out.push(`${indent}开头：${s.opening ? `${s.opening.text}（${ln(s.opening.line)}${s.opening.purpose ? '，交代了会议目的' : '，未交代会议目的'}）` : '（未找到）'}`);
    if (s.announced) {
      out.push(`${indent}预告：${s.announced.text}（${s.announced.count === null ? '未说明点数' : `${s.announced.count} 点`}，${ln(s.announced.line)}）`);
    }
    out.push(`${indent}正文：${s.parts.length ? '' : '（没有编号标题）'}`);
    const walk = (ps: readonly OutlinePart[], depth: number) => {
      for (const p of ps) {
        out.push(`${indent}${'  '.repeat(depth + 1)}${p.marker}${p.title}（${ln(p.line)}）`);
        walk(p.children, depth + 1);
      }
    };
    walk(s.parts, 0);
    if (s.sequences.length) {
      out.push(`${indent}序列：${s.sequences.map(q => `${q.items.map(i => i.marker.replace(/[，,、：:]$/, '')).join('…')}（${ln(q.items[0].line)}）`).join('；')}`);
    }
    out.push(`${indent}结尾：${s.closing ? `${s.closing.text}（${ln(s.closing.line)}）` : '（未找到）'}`);
  });
  return out.join('\n') + '\n';
}
