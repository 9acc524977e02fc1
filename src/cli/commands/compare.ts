import { CorpusIndex } from '../../core/corpus/index';
import { oneOf, parse } from '../args';
import { CliError, readInput, type CliIO } from '../io';
import { loadCorpusForCli } from './corpus';

export const compareUsage = `用法: gongwen compare [选项] 草稿
在范文库中找出与草稿最相近的范文，并说明理由（相同的文字、相近的结构）。

选项:
  --top K                 列出几篇（默认 5）
  --paragraph             按段落查找：列出与草稿（一段文字）最相近的范文段落
  --corpus 目录           另加自己的范文文件夹（.txt/.md/.docx，可重复）
  --no-builtin            不用内置范文库
  --cache 目录            自己的范文文件夹的缓存目录（增量更新）
  --format text|json      输出格式（默认 text）
  -h, --help              显示帮助
草稿为 - 时读取标准输入。`;

export async function runCompare(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      top: { type: 'string' },
      paragraph: { type: 'boolean' },
      corpus: { type: 'string', multiple: true },
      'no-builtin': { type: 'boolean' },
      cache: { type: 'string' },
      data: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'compare',
  );
  if (values.help) {
    io.out(compareUsage + '\n');
    return 0;
  }
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const top = values.top === undefined ? 5 : Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 100) {
    throw new CliError(`--top 应为 1 到 100 的整数，不能是“${values.top}”`);
  }
  if (positionals.length !== 1) {
    throw new CliError('gongwen compare: 需要一个草稿文件（用 gongwen compare --help 查看用法）');
  }
  const draft = readInput(positionals[0], io).text;
  const speeches = await loadCorpusForCli(values, io);
  if (speeches.length === 0) {
    throw new CliError('范文库是空的（内置范文库缺失，也没有用 --corpus 指定文件夹）');
  }
  const index = new CorpusIndex(speeches);
  if (values.paragraph) {
    const hits = index.searchParagraphs(draft, { top });
    if (format === 'json') {
      io.out(
        JSON.stringify(
          hits.map(h => ({ id: h.speech.id, title: h.speech.title, date: h.speech.date, paragraph: h.paragraph.index, score: round(h.score), text: h.paragraph.text })),
        ) + '\n',
      );
    } else {
      hits.forEach((h, i) => io.out(`${i + 1}. [${h.speech.id} 第 ${h.paragraph.index + 1} 段] 相似度 ${round(h.score)}  ${h.speech.title}\n   ${h.paragraph.text}\n`));
    }
    return 0;
  }
  const hits = index.search(draft, { top });
  if (hits.length === 0 && format === 'text') {
    io.out('没有找到相近的范文（草稿中没有可比较的汉字、字母或数字）\n');
    return 0;
  }
  if (format === 'json') {
    io.out(
      JSON.stringify(
        hits.map(h => ({
          id: h.speech.id,
          title: h.speech.title,
          date: h.speech.date,
          occasion: h.speech.occasion,
          source: h.speech.source,
          score: round(h.score),
          why: {
            summary: h.why.summary,
            passageCoverage: round(h.why.passageCoverage),
            passages: h.why.passages.map(p => ({ text: p.text, draft: [p.queryStart, p.queryEnd], exemplar: [p.speechStart, p.speechEnd] })),
            headings: h.why.headings.map(x => ({ draft: x.query, exemplar: x.speech, similarity: round(x.similarity) })),
            parts: h.why.parts,
          },
        })),
      ) + '\n',
    );
  } else {
    hits.forEach((h, i) => {
      io.out(`${i + 1}. ${h.speech.title}  [${h.speech.id}]  ${h.speech.date ?? '日期不详'}  相似度 ${round(h.score)}\n   理由：${h.why.summary}\n`);
      const p = h.why.passages[0];
      if (p) {
        const t = p.text.replace(/\n/g, ' ');
        io.out(`   相同文字：“${t.length > 60 ? t.slice(0, 60) + '…' : t}”\n`);
      }
      const hd = h.why.headings[0];
      if (hd) {
        io.out(`   相近小标题：“${hd.query}” ≈ “${hd.speech}”\n`);
      }
    });
  }
  return 0;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
