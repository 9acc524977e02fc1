import type { DetectorMatch } from '../../detectors/types';
import type { DocContext } from '../../document';
import { positions } from './context';

export const REGIONS: readonly string[] = ['台湾', '香港', '澳门'];
/** After the region: the rest of a list that ends in …等(N个)国家 (not 国家和地区). */
const LIST_THEN_COUNTRIES = /^(?:地区)?(?:[、和及与][^、，,。；;！？!?\s]{1,10}){0,10}?等(?:[0-9]{1,3}|[一二三四五六七八九十几多数]{1,3})?个?(国家)(?!和地区|或地区|与地区|[（(]地区)/;
/**
 * Before the region: 国家如/包括/有…、 — a list of countries that takes the region in (group 2: the items before
 * it). Not 国家有关部委 (有关: relevant), and the list must name something besides the regions (`国家是香港、澳门
 * 的坚强后盾` speaks of the state).
 */
const COUNTRIES_THEN_LIST = /(国家)(?:如|包括|有(?!关)|是|[：:])((?:[^、，,。；;！？!?\s]{1,10}[、和及与]){0,10})$/;
/** 中国和台湾, 中国与香港: China set beside a part of itself. */
const CHINA_AND = /中国(?:[和与及、]|以及)$/;

/**
 * `region-as-country` (G05): 台湾, 香港 or 澳门 counted among countries
 * (美国、日本、台湾等国家; 亚洲国家如日本、韩国、台湾) — the list is of
 * 国家和地区 — or set beside 中国 as its counterpart (中国和台湾 → 大陆和台湾,
 * 中国与香港 → 内地与香港).
 */
export function detectRegionAsCountry(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const out: DetectorMatch[] = [];
  const flagged = new Set<number>();
  const flag = (k: number, region: string) => {
    if (!flagged.has(k)) {
      flagged.add(k);
      out.push(countries(k, region));
    }
  };
  for (const region of REGIONS) {
    for (const at of positions(doc, region)) {
      const end = at + region.length;
      const after = LIST_THEN_COUNTRIES.exec(text.slice(end, end + 80));
      if (after) {
        flag(end + after.index + after[0].length - 2, region);
        continue;
      }
      // 台湾地区 is named as a region: only a list ending in 等国家 (above) is still wrong.
      if (text.startsWith('地区', end)) {
        continue;
      }
      const from = Math.max(0, at - 60);
      const before = COUNTRIES_THEN_LIST.exec(text.slice(from, at));
      if (before && namesOtherThanRegions(before[2])) {
        flag(from + before.index, region);
        continue;
      }
      const china = CHINA_AND.exec(text.slice(Math.max(0, at - 4), at));
      if (china) {
        const start = at - china[0].length;
        const mainland = region === '台湾' ? '大陆' : '内地';
        const fixed = `${mainland}${china[0].slice(2)}${region}`;
        out.push({
          start,
          end,
          detail: `“${text.slice(start, end)}”把${region}与中国并列，应说“${fixed}”`,
          fixes: [{ title: `改为“${fixed}”`, edits: [{ start, end: start + 2, newText: mainland }], safe: false }],
        });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Whether the items of a list (`日本、韩国、`) name anything but 台湾, 香港 and 澳门. */
function namesOtherThanRegions(items: string): boolean {
  return items.split(/[、和及与]/).some(item => item !== '' && !REGIONS.includes(item) && !REGIONS.some(r => item === `${r}地区`));
}

function countries(k: number, region: string): DetectorMatch {
  return {
    start: k,
    end: k + 2,
    detail: `${region}不是国家，列举中含有${region}时应说“国家和地区”`,
    fixes: [{ title: '改为“国家和地区”', edits: [{ start: k, end: k + 2, newText: '国家和地区' }], safe: true }],
  };
}
