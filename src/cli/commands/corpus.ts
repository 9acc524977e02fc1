import * as fs from 'fs';
import * as path from 'path';
import { formatSummary, ingestPages, type SourcePage } from '../../core/corpus/ingest';
import { ResidueMatcher } from '../../core/corpus/residue';
import type { Speech } from '../../core/corpus/types';
import { loadBuiltinCorpus, loadResidueList } from '../../node/corpusData';
import { writeCorpus } from '../../node/corpusStore';
import { loadUserCorpus } from '../../node/corpusUser';
import { defaultDataDir } from '../../node/paths';
import { oneOf, parse } from '../args';
import { CliError, isDirectory, readInput, type CliIO } from '../io';

export const corpusUsage = `用法: gongwen corpus <子命令> [选项]
范文库：内置范文（由网页抓取文本清洗而成）和自己的讲话稿文件夹。

子命令:
  build 来源… --out 目录      把抓取的网页文本（文件或文件夹中的 .txt）清洗、拆分、去重，写成范文库
  list [--format text|json]   列出范文（json: [{"id","title","date","occasion","speaker","source","chars"}]）
  show 编号                   打印一篇范文的正文

选项:
  --corpus 目录       另加自己的范文文件夹（.txt/.md/.docx，可重复）
  --no-builtin        不用内置范文库
  --cache 目录        自己的范文文件夹的缓存目录（增量更新）
  --data 目录         内置数据目录（默认随程序安装的 data/）
  -h, --help          显示帮助`;

/** Built-in corpus plus the user's folders, for list/show/compare. Problems go to stderr. */
export async function loadCorpusForCli(
  values: { corpus?: string[]; 'no-builtin'?: boolean; cache?: string; data?: string },
  io: CliIO,
): Promise<Speech[]> {
  const speeches: Speech[] = [];
  if (values.data !== undefined && !isDirectory(values.data)) {
    throw new CliError(`--data 数据目录不存在：“${values.data}”`);
  }
  if (!values['no-builtin']) {
    const builtin = loadBuiltinCorpus(values.data ?? defaultDataDir());
    for (const i of builtin.issues) {
      io.err(`${i.file}: ${i.message}\n`);
    }
    speeches.push(...builtin.speeches);
  }
  if (values.corpus?.length) {
    const user = await loadUserCorpus(values.corpus, { cacheDir: values.cache });
    for (const p of user.problems) {
      io.err(`${p.file}: ${p.message}\n`);
    }
    speeches.push(...user.speeches);
  }
  return speeches;
}

const listFields = (s: Speech) => ({ id: s.id, title: s.title, date: s.date, occasion: s.occasion, speaker: s.speaker, source: s.source, chars: s.chars });

/**
 * The pages of the sources (files, and the .txt/.md files of folders). A file that cannot be read (binary,
 * a folder named `*.txt`, a broken link) is reported and skipped: `skipped` counts them.
 */
function readPages(sources: string[], io: CliIO): { pages: SourcePage[]; skipped: number } {
  const pages: SourcePage[] = [];
  let skipped = 0;
  for (const src of sources) {
    let files: string[];
    try {
      files = fs.statSync(src).isDirectory()
        ? fs
            .readdirSync(src)
            .filter(n => /\.(txt|md)$/i.test(n))
            .sort()
            .map(n => path.join(src, n))
        : [src];
    } catch {
      throw new CliError(`${src}: 不存在`);
    }
    for (const f of files) {
      try {
        const input = readInput(f, io);
        pages.push({ name: path.basename(f), text: input.text });
      } catch (e) {
        if (!(e instanceof CliError)) {
          throw e;
        }
        io.err(`gongwen: ${e.message}（已跳过）\n`);
        skipped++;
      }
    }
  }
  return { pages, skipped };
}

export async function runCorpus(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      out: { type: 'string' },
      format: { type: 'string' },
      corpus: { type: 'string', multiple: true },
      'no-builtin': { type: 'boolean' },
      cache: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'corpus',
  );
  const [sub, ...args] = positionals;
  if (values.help || sub === undefined) {
    io.out(corpusUsage + '\n');
    return values.help ? 0 : 2;
  }
  if (sub === 'build') {
    if (args.length === 0) {
      throw new CliError('gongwen corpus build: 缺少来源文件或文件夹');
    }
    if (!values.out) {
      throw new CliError('gongwen corpus build: 缺少 --out 目录');
    }
    const dataDir = values.data ?? defaultDataDir();
    const residue = loadResidueList(dataDir);
    for (const i of residue.issues) {
      io.err(`${i.file}:${i.line}:${i.column} ${i.severity} ${i.message}\n`);
    }
    if (residue.issues.some(i => i.severity === 'error')) {
      throw new CliError('残留清单有错误，未生成范文库');
    }
    if (fs.existsSync(values.out) && !isDirectory(values.out)) {
      throw new CliError(`--out 应为目录：“${values.out}”已经是一个文件`);
    }
    const { pages, skipped } = readPages(args, io);
    if (pages.length === 0) {
      throw new CliError(skipped > 0 ? 'gongwen corpus build: 来源中没有能读取的 .txt/.md 文件' : 'gongwen corpus build: 来源中没有 .txt/.md 文件');
    }
    const result = ingestPages(pages, { residue: new ResidueMatcher(residue.entries) });
    try {
      writeCorpus(values.out, result.speeches, result.summary, pages.map(p => p.name));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(`无法写入 ${values.out}（${code === 'EACCES' || code === 'EPERM' ? '没有写入权限' : (e as Error).message}）`);
    }
    io.out(formatSummary(result.summary));
    io.out(`已写入 ${values.out}（manifest.json 和 speeches/ 下 ${result.speeches.length} 个文件）\n`);
    if (skipped > 0) {
      io.err(`gongwen: 跳过了 ${skipped} 个无法读取的文件\n`);
      return 2;
    }
    return 0;
  }
  if (sub === 'list') {
    const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
    const speeches = await loadCorpusForCli(values, io);
    if (format === 'json') {
      io.out(JSON.stringify(speeches.map(listFields)) + '\n');
    } else {
      for (const s of speeches) {
        io.out(`${s.id}\t${s.date ?? '日期不详'}\t${s.chars} 字\t${s.title}${s.occasion ? `（${s.occasion}）` : ''}\n`);
      }
      io.out(`共 ${speeches.length} 篇\n`);
    }
    return 0;
  }
  if (sub === 'show') {
    const id = args[0];
    if (!id) {
      throw new CliError('gongwen corpus show: 缺少范文编号（用 gongwen corpus list 查看）');
    }
    const speeches = await loadCorpusForCli(values, io);
    const s = speeches.find(x => x.id === id);
    if (!s) {
      throw new CliError(`没有编号为“${id}”的范文（用 gongwen corpus list 查看）`);
    }
    io.out(s.text + '\n');
    return 0;
  }
  throw new CliError(`gongwen corpus: 未知子命令“${sub}”（可用: build、list、show）`);
}
