/**
 * The ingest pipeline: raw scraped pages → individual clean speeches with metadata.
 *
 *   repair (annotations, misaligned GBK, lost bytes, traditional → simplified)
 *   → strip residue → full-width punctuation → split pages into speeches
 *   → rejoin broken lines, drop repeated passages → metadata
 *   → drop exact and near-duplicate speeches.
 */
import { CharBigramModel, repairText } from '../text/repair';
import { collapseRepeatedLines, fixStrayStops, joinBrokenLines, joinContinuedLines, normalizePunctuation, stripResidue, tidyLines, toParagraphLines } from './clean';
import { comparable, dropContainedNeighbours, dropRepeatedParagraphs, findDuplicateSpeeches } from './dedupe';
import { extractMeta, paragraphsOf } from './metadata';
import type { ResidueMatcher } from './residue';
import { isTitleLine, splitPage } from './split';
import type { RepairNote, Speech } from './types';

export interface SourcePage {
  /** File name (recorded as the speech's `source`). */
  name: string;
  text: string;
}

export interface IngestOptions {
  residue: ResidueMatcher;
  /** Chooses characters whose byte was lost; by default built from the pages themselves. */
  model?: CharBigramModel;
  /** Near-duplicate threshold (5-gram containment), default 0.8. */
  nearDuplicate?: number;
  /** Segments shorter than this many characters are fragments, not speeches (default 300). */
  minChars?: number;
}

export interface DroppedSpeech {
  title: string;
  source: string;
  /** Id of the speech it duplicates. */
  duplicateOf: string;
  similarity: number;
  exact: boolean;
}

export interface IngestSummary {
  pages: number;
  /** Speech candidates found by splitting, before dropping duplicates and fragments. */
  segments: number;
  speeches: number;
  characters: number;
  residueRemoved: number;
  pinyinAnnotations: number;
  misalignedRuns: number;
  traditionalPages: number;
  punctuation: number;
  joinedLines: number;
  repeatedLines: number;
  repeatedPassages: number;
  fragments: number;
  duplicates: DroppedSpeech[];
  /**
   * Marked pieces joined to the speech before them as its next part (the site
   * put its piece marker where the part heading was); `lost`: the heading is
   * gone and a bare number (`三、`) stands in its place.
   */
  continuedPieces: Array<{ source: string; speech: string; marker: string; heading: string; lost: boolean }>;
  /** Spots that could not be recovered (dropped from the text). */
  unrecoverable: Array<RepairNote & { source: string }>;
}

export interface IngestResult {
  speeches: Speech[];
  summary: IngestSummary;
}

/**
 * A collection's title (`最优人大工作会议讲话稿(案例15篇)`): a short first line, no sentence, naming a collection. (A
 * page without a title starts with its text: a first paragraph that mentions `典型案例` is no collection's title.)
 */
const COLLECTION_TITLE = /^(?=[^。！？；，,]{1,60}$).*?(?:(?:\d+|[一二三四五六七八九十]+)篇|案例|大全|精选|汇编|合集)/;

function pagePrefix(name: string, index: number): string {
  const m = /^(\d{1,4})/.exec(name.replace(/^.*[\\/]/, ''));
  return m ? m[1].padStart(3, '0') : String(index + 1).padStart(3, '0');
}

/** `领导在人大工作会议发言范文五篇` → `领导在人大工作会议发言`. */
function cleanPageTitle(title: string): string {
  return title
    .replace(/[（(](?:完整|案例\d+篇|\d+篇|精选|范文)[）)]/g, '')
    .replace(/(?:范文)?(?:\d+|[一二三四五六七八九十]+)篇$/, '')
    .replace(/^最优/, '')
    .trim();
}

/**
 * Title lines of other pieces left at the top: a listing (`……讲话稿和……讲话范文`), or
 * several complete titles in a row (`市长在……结束时讲话。` / `人大换届工作会议讲话稿`): keep the last.
 */
function dropStrayTitles(lines: string[]): string[] {
  const out = lines.filter((l, i) => !(i < 3 && /讲话稿?和.{4,}(?:讲话|范文)/.test(l)));
  const complete = (l: string | undefined) => l !== undefined && isTitleLine(l) && !/^——/.test(l) && /(?:讲话|讲话稿)[。]?$/.test(l);
  while (out.length > 1 && complete(out[0]) && complete(out[1])) {
    out.shift();
  }
  return out;
}

const GENERIC_TITLE = /^(?:工作)?(?:会议)?(?:领导)?(?:讲话稿|讲话|发言稿)$/;
const GENERIC_OCCASION = /^(?:工作)?会议$/;

const ORDINALS = '一二三四五六七八九十';
const ordinal = (n: number) => (n <= 10 ? ORDINALS[n - 1] : n <= 19 ? `十${ORDINALS[n - 11] ?? ''}` : String(n));

export function ingestPages(pages: readonly SourcePage[], options: IngestOptions): IngestResult {
  const model = options.model ?? CharBigramModel.fromTexts(pages.map(p => p.text));
  const minChars = options.minChars ?? 300;
  const summary: IngestSummary = {
    pages: pages.length,
    segments: 0,
    continuedPieces: [],
    speeches: 0,
    characters: 0,
    residueRemoved: 0,
    pinyinAnnotations: 0,
    misalignedRuns: 0,
    traditionalPages: 0,
    punctuation: 0,
    joinedLines: 0,
    repeatedLines: 0,
    repeatedPassages: 0,
    fragments: 0,
    duplicates: [],
    unrecoverable: [],
  };
  const candidates: Speech[] = [];
  pages.forEach((page, pageIndex) => {
    const source = page.name.replace(/^.*[\\/]/, '');
    // 1. Repair the encoding damage.
    const repaired = repairText(tidyLines(page.text), { model });
    const notes = repaired.notes;
    summary.pinyinAnnotations += notes.filter(n => n.kind === 'pinyin-annotation').length;
    summary.misalignedRuns += notes.filter(n => n.kind === 'misaligned-gbk').length;
    summary.traditionalPages += notes.some(n => n.kind === 'traditional') ? 1 : 0;
    for (const n of notes) {
      if (!n.recovered || (n.kind === 'misaligned-gbk' && !n.recovered)) {
        summary.unrecoverable.push({ ...n, source });
      }
    }
    // 2. Residue, punctuation.
    const stripped = stripResidue(repaired.text, options.residue);
    summary.residueRemoved += stripped.removed.length;
    const punct = normalizePunctuation(stripped.text);
    const stops = fixStrayStops(punct.text);
    summary.punctuation += punct.changes + stops.changes;
    let text = stops.text;
    // 3. The page title: a collection's title is not part of any speech.
    const lines = text.split('\n');
    const pageTitle = lines[0] ?? '';
    const collection = COLLECTION_TITLE.test(pageTitle);
    if (collection) {
      text = lines.filter(l => l !== pageTitle).join('\n');
    }
    const collapsed = collapseRepeatedLines(text);
    summary.repeatedLines += collapsed.removed;
    // 4. Split.
    const split = splitPage(collapsed.text);
    const prefix = pagePrefix(page.name, pageIndex);
    const fallbackBase = cleanPageTitle(collection ? pageTitle : (split.preamble[0] ?? ''));
    split.segments.forEach(seg => {
      summary.segments++;
      const joined = joinBrokenLines(seg.lines.join('\n'));
      const continued = joinContinuedLines(joined.text);
      summary.joinedLines += joined.joins + continued.joins;
      // Brackets that were split over two lines pair up now.
      const repunct = normalizePunctuation(continued.text);
      summary.punctuation += repunct.changes;
      const again = collapseRepeatedLines(repunct.text);
      summary.repeatedLines += again.removed;
      const deduped = dropRepeatedParagraphs(again.text.split('\n'));
      const contained = dropContainedNeighbours(deduped.lines.filter(l => l !== ''));
      summary.repeatedPassages += deduped.dropped.length + contained.dropped.length;
      const speechText = toParagraphLines(dropStrayTitles(contained.lines).join('\n'));
      if (speechText.length < minChars) {
        summary.fragments++;
        return;
      }
      const meta = extractMeta(speechText);
      let title = meta.title;
      // A generic title (`工作会议讲话稿`) says less than the meeting named in the opening.
      if (title && GENERIC_TITLE.test(title) && meta.occasion && !GENERIC_OCCASION.test(meta.occasion)) {
        title = `在${meta.occasion}上的讲话`;
      }
      if (!title) {
        title = meta.occasion ? `在${meta.occasion}上的讲话` : fallbackBase || source;
        title += `（${ordinal(seg.ordinal)}）`;
      }
      const id = `${prefix}-${String(seg.ordinal).padStart(2, '0')}`;
      for (const c of seg.continued ?? []) {
        summary.continuedPieces.push({ source, speech: id, ...c });
      }
      // The repairs whose spot is in this speech (matched on content characters, punctuation aside).
      const plain = comparable(speechText);
      const repairs = notes.filter(n => n.context !== undefined && n.kind !== 'pinyin-annotation' && n.kind !== 'traditional' && plain.includes(comparable(n.context)));
      candidates.push({
        id,
        title,
        date: meta.date,
        occasion: meta.occasion,
        speaker: meta.speaker,
        source,
        chars: speechText.length,
        outline: meta.outline,
        repairs: repairs.length ? repairs : undefined,
        text: speechText,
        paragraphs: paragraphsOf(speechText, meta.outline),
      });
    });
  });
  // 5. Exact and near-duplicate speeches.
  const dups = findDuplicateSpeeches(
    candidates.map(s => s.text),
    options.nearDuplicate ?? 0.8,
  );
  const drop = new Set(dups.map(d => d.dropped));
  for (const d of dups) {
    summary.duplicates.push({
      title: candidates[d.dropped].title,
      source: candidates[d.dropped].source,
      duplicateOf: candidates[d.kept].id,
      similarity: d.similarity,
      exact: d.exact,
    });
  }
  const speeches = candidates.filter((_, i) => !drop.has(i));
  summary.speeches = speeches.length;
  summary.characters = speeches.reduce((n, s) => n + s.chars, 0);
  return { speeches, summary };
}

/** The pipeline's summary in Chinese, for `gongwen corpus build`. */
export function formatSummary(s: IngestSummary): string {
  const lines = [
    `来源页面 ${s.pages} 个，拆分出 ${s.segments} 段，保留讲话 ${s.speeches} 篇，共 ${s.characters} 字。`,
    `清除网站残留 ${s.residueRemoved} 处；去掉拼音注音 ${s.pinyinAnnotations} 处；重新对齐错位 GBK 片段 ${s.misalignedRuns} 处；繁体转简体 ${s.traditionalPages} 页；标点改为全角 ${s.punctuation} 处；接回断行 ${s.joinedLines} 处。`,
    `删除重复行 ${s.repeatedLines} 行、重复段落 ${s.repeatedPassages} 段；过短片段 ${s.fragments} 段；重复或近似重复的讲话 ${s.duplicates.length} 篇。`,
  ];
  for (const d of s.duplicates) {
    lines.push(`  重复：${d.source}「${d.title}」与 ${d.duplicateOf} ${d.exact ? '完全相同' : `相似度 ${(d.similarity * 100).toFixed(0)}%`}，已去掉`);
  }
  if (s.continuedPieces.length > 0) {
    const lost = s.continuedPieces.filter(c => c.lost).length;
    lines.push(`接回被网站拆成单独一篇的部分 ${s.continuedPieces.length} 处${lost ? `（其中 ${lost} 处原小标题已被网站删去，只补了序号）` : ''}：`);
    for (const c of s.continuedPieces) {
      lines.push(`  ${c.source}「${c.marker}」是 ${c.speech} 的“${c.heading}”部分${c.lost ? '（原小标题缺失）' : ''}`);
    }
  }
  lines.push(`无法恢复 ${s.unrecoverable.length} 处（已从正文删除，未保留乱码）：`);
  for (const u of s.unrecoverable) {
    lines.push(`  ${u.source}：“${u.original}”${u.replacement ? ` → 仅恢复“${u.replacement}”` : ''}${u.context ? `（上下文：${u.context}）` : ''}`);
  }
  return lines.join('\n') + '\n';
}
