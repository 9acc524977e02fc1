import { parseOutline } from '../../core/structure';
import { GenreRegistry } from '../../core/structure/genres';
import { outlineToJson, outlineToText } from '../../core/structure/json';
import { loadGenreProfiles } from '../../node/genres';
import { defaultDataDir } from '../../node/paths';
import { oneOf, parse } from '../args';
import { CliError, readInput, type CliIO } from '../io';

export const outlineUsage = `用法: gongwen outline [选项] 文件
显示讲话稿的结构：标题、称呼、开头、预告的点数、各层标题、“一是……二是……”序列、结尾。
一个文件含多篇讲话时逐篇列出（JSON 顶层为第一篇，speeches 列出全部）。

选项:
  --format text|json   输出格式（默认 text；json 中行号从 0 起算）
  --genre ID           按此体裁解读（见 data/genres；默认由文稿自身或标题决定）
  -h, --help           显示帮助

文件名为 - 时读取标准输入。`;

export async function runOutline(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { format: { type: 'string' }, genre: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    'outline',
  );
  if (values.help) {
    io.out(outlineUsage + '\n');
    return 0;
  }
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  if (positionals.length !== 1) {
    throw new CliError(
      positionals.length === 0 ? 'gongwen outline: 缺少要分析的文件（用 gongwen outline --help 查看用法）' : 'gongwen outline: 一次只能分析一个文件',
    );
  }
  const genres = loadGenreProfiles(defaultDataDir());
  for (const issue of genres.issues) {
    io.err(`${issue.file}:${issue.line}:${issue.column} ${issue.severity} ${issue.message}\n`);
  }
  const registry = new GenreRegistry();
  registry.set(genres.profiles);
  if (values.genre !== undefined && !registry.get(values.genre)) {
    throw new CliError(`--genre 未知体裁“${values.genre}”（可用：${registry.list().map(p => p.id).join('、')}）`);
  }
  const path = positionals[0];
  const input = readInput(path, io);
  const outline = parseOutline(input.text, { markdown: /\.(md|markdown)$/i.test(path) });
  if (format === 'json') {
    io.out(JSON.stringify(outlineToJson(outline, registry, values.genre), null, 2) + '\n');
  } else {
    io.out(outlineToText(outline, registry, values.genre));
  }
  return 0;
}
