import type { DetectorMatch } from '../../detectors/types';
import type { DocContext } from '../../document';
import { matchesAt } from '../../detectors/chars';
import { literalHits } from '../../detectors/literalHits';

/**
 * The Party's guiding ideology as listed in the Party Constitution, in order,
 * with the date each item joined the list (the constitution amended at the
 * 16th, 18th and 19th congresses).
 */
const ITEMS: { name: string; since: string; forms: string[] }[] = [
  { name: '马克思列宁主义', since: '0000-00-00', forms: ['马克思列宁主义', '马列主义'] },
  { name: '毛泽东思想', since: '0000-00-00', forms: ['毛泽东思想'] },
  { name: '邓小平理论', since: '1997-09-18', forms: ['邓小平理论'] },
  { name: '“三个代表”重要思想', since: '2002-11-14', forms: ['“三个代表”重要思想', '"三个代表"重要思想', '‘三个代表’重要思想', '三个代表重要思想'] },
  { name: '科学发展观', since: '2012-11-14', forms: ['科学发展观'] },
  { name: '习近平新时代中国特色社会主义思想', since: '2017-10-24', forms: ['习近平新时代中国特色社会主义思想'] },
];

const FORM_INDEX = new Map<string, number>();
ITEMS.forEach((it, i) => it.forms.forEach(f => FORM_INDEX.set(f, i)));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\"]/g, '\\$&');
export const FORMS = [...FORM_INDEX.keys()].sort((a, b) => b.length - a.length);
/** The forms as one pattern (longest first), tried where one of them occurs. */
const ITEM_RE = new RegExp(FORMS.map(escape).join('|'), 'y');
const SEPARATOR = /^(?:、|，|,|和|及|以及|与)$/;
/** The list is the guiding ideology when it is followed by one of these. */
const GUIDING = /^[”"]?(?:为|作为)(?:(?:自己的|党的|我们的)?(?:指导|行动指南|根本指针|指引))|^[”"]?的指导地位|^[”"]?为指导思想/;

function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * `ideology-order`: a list of the guiding ideology (two or more items, used
 * as 为指导 / 行动指南) that is out of order, has a gap, or — judged at the
 * document's date — lacks the item added most recently.
 */
export function detectIdeologyOrder(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const date = doc.effectiveDate;
  const current = ITEMS.filter(it => it.since <= date).length - 1;
  const out: DetectorMatch[] = [];
  let run: { start: number; end: number; idx: number[] } | null = null;
  const flush = () => {
    if (run && run.idx.length >= 2) {
      judge(run.start, run.end, run.idx);
    }
    run = null;
  };
  const judge = (start: number, end: number, idx: number[]) => {
    const after = text.slice(end, end + 12);
    if (!GUIDING.test(after)) {
      return;
    }
    const sorted = idx.every((v, i) => i === 0 || v > idx[i - 1]);
    const first = Math.min(...idx);
    const last = Math.max(...idx);
    const missing: string[] = [];
    for (let k = first; k <= Math.max(last, current); k++) {
      if (!idx.includes(k) && ITEMS[k].since <= date) {
        missing.push(ITEMS[k].name);
      }
    }
    if (sorted && missing.length === 0) {
      return;
    }
    const target = Math.max(last, current);
    const names = ITEMS.slice(first, target + 1)
      .filter(it => it.since <= date)
      .map(it => it.name);
    // Before the 19th congress the constitution joined the last item with 和.
    const fixed = date < '2017-10-24' && names.length > 1 ? names.slice(0, -1).join('、') + '和' + names[names.length - 1] : names.join('、');
    const problems: string[] = [];
    if (!sorted) {
      problems.push('顺序不对');
    }
    const latest = ITEMS[current];
    if (missing.length > 0) {
      const newest = missing.includes(latest.name) && !idx.includes(current);
      problems.push(`缺少${missing.map(n => `“${n.replace(/“/g, '‘').replace(/”/g, '’')}”`).join('')}${newest ? `（${formatDate(latest.since)}起党章将${latest.name}列为指导思想）` : ''}`);
    }
    out.push({
      start,
      end,
      detail: problems.join('，'),
      fixes: [{ title: `改为“${fixed.length > 40 ? fixed.slice(0, 37) + '…' : fixed}”`, edits: [{ start, end, newText: fixed }], safe: false }],
    });
  };
  for (const m of matchesAt(ITEM_RE, text, literalHits(doc, FORMS).starts)) {
    const idx = FORM_INDEX.get(m[0])!;
    const start = m.index;
    const end = start + m[0].length;
    if (run !== null && SEPARATOR.test(text.slice((run as { end: number }).end, start))) {
      const r = run as { start: number; end: number; idx: number[] };
      r.end = end;
      r.idx.push(idx);
    } else {
      flush();
      run = { start, end, idx: [idx] };
    }
  }
  flush();
  return out;
}
