import type { DetectorMatch } from '../../detectors/types';
import type { DocContext } from '../../document';
import { literalHits } from '../../detectors/literalHits';
import type { Severity } from '../../types';
import { sentenceEnd, sentenceStart } from './context';

/** A Party-wide education campaign and the time it ran. */
interface Campaign {
  name: string;
  /** What the text right before the trigger word (学习教育 / 主题教育) must end with. */
  before: RegExp;
  trigger: '学习教育' | '主题教育';
  /** When it started (certain). */
  start: string;
  /** From this date, speaking of it as under way is outdated. */
  over: string;
  /** Whether `over` is pinned down by a source (else findings are info). */
  overCertain: boolean;
  period: string;
}

const CAMPAIGNS: readonly Campaign[] = [
  { name: '“两学一做”学习教育', before: /两学一做[”"’]?$/, trigger: '学习教育', start: '2016-01-01', over: '2020-01-01', overCertain: false, period: '2016年部署，2017年起推进常态化制度化' },
  {
    name: '“不忘初心、牢记使命”主题教育',
    before: /不忘初心[、，,]?牢记使命[”"’]?$/,
    trigger: '主题教育',
    start: '2019-05-31',
    over: '2020-02-01',
    overCertain: true,
    period: '2019年6月至11月分两批开展',
  },
  { name: '党史学习教育', before: /党史$/, trigger: '学习教育', start: '2021-02-20', over: '2022-07-01', overCertain: false, period: '2021年2月20日动员大会起开展' },
  {
    name: '学习贯彻习近平新时代中国特色社会主义思想主题教育',
    before: /学习贯彻习近平新时代中国特色社会主义思想$/,
    trigger: '主题教育',
    start: '2023-04-03',
    over: '2024-07-01',
    overCertain: false,
    period: '2023年4月起分两批开展',
  },
  { name: '深入贯彻中央八项规定精神学习教育', before: /八项规定精神$/, trigger: '学习教育', start: '2025-01-01', over: '2026-01-01', overCertain: false, period: '2025年开展' },
];

/** The sentence speaks of the campaign as under way or about to start. */
const UNDER_WAY = /正在|当前|目前|今年|深入开展|扎实开展|认真开展|全面开展|开展好|即将|部署开展|要求开展|启动|抓好|推进/;
/** The sentence looks back at it. */
const LOOK_BACK = /以来|回顾|过去|去年|前年|此前|曾|取得|成果|成效|成绩|经验|总结|完成|结束|期间|巩固|拓展|深化|常态化|制度化|长效|延伸|开展了|进行了|组织了|参加了/;
const YEAR = /(?<![0-9])([12][0-9]{3})年/g;
/** The words that name a campaign. */
export const TRIGGERS: readonly string[] = ['主题教育', '学习教育'];

/**
 * `campaign-period` (E09): an education campaign spoken of as under way
 * (正在开展、扎实开展…, no look back) in a document dated after it ended, or
 * looked back on (取得的成效) in a document dated before it began. The end of
 * most campaigns is not pinned down by a source: those findings are info.
 */
export function detectCampaignPeriod(doc: DocContext): DetectorMatch[] {
  const text = doc.text;
  const date = doc.effectiveDate;
  const out: DetectorMatch[] = [];
  const hits = literalHits(doc, TRIGGERS);
  for (let k = 0; k < hits.starts.length; k++) {
    const trigger = TRIGGERS[hits.which[k]];
    const at = hits.starts[k];
    const before = text.slice(Math.max(0, at - 30), at);
    const c = CAMPAIGNS.find(x => x.trigger === trigger && x.before.test(before));
    if (!c) {
      continue;
    }
    const m = c.before.exec(before)!;
    const start = at - m[0].length;
    const end = at + trigger.length;
    const s = sentenceStart(text, start, 60);
    const sentence = text.slice(s, sentenceEnd(text, end, 60));
    const lookBack = LOOK_BACK.test(sentence);
    if (date >= c.over && UNDER_WAY.test(sentence) && !lookBack && !pastYear(sentence, c.over)) {
      const severity: Severity | undefined = c.overCertain ? undefined : 'info';
      out.push({ start, end, severity, detail: `${c.name}${c.period}，文稿日期（${date}）时已不是正在开展的工作` });
    } else if (date < c.start && lookBack) {
      out.push({ start, end, detail: `${c.name}${c.period}，文稿日期（${date}）时尚未开始` });
    }
  }
  return out;
}

/** A year in the sentence before `over` (2021年，我们扎实开展党史学习教育): a look back. */
function pastYear(sentence: string, over: string): boolean {
  const limit = Number(over.slice(0, 4));
  YEAR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = YEAR.exec(sentence))) {
    if (Number(m[1]) < limit) {
      return true;
    }
  }
  return false;
}
