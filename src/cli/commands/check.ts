import * as fs from 'fs';
import type { CheckResult } from '../../core/check';
import { parseIsoDate, todayIso } from '../../core/date';
import { applyEdits, safeFixEdits } from '../../core/fix';
import { fileReport, jsonReport, sarifReport, summaryLine, textReport, type FileReport } from '../../core/report';
import { genreRegistry } from '../../core/structure/genres';
import { CATEGORIES, type Category } from '../../core/types';
import { loadGongwen } from '../../node/services';
import { encodeLosslessly, writeFileAtomic } from '../../node/writeFile';
import { oneOf, parse } from '../args';
import { CliError, isDirectory, readInput, type CliIO } from '../io';
import { packageVersion } from '../version';

export const checkUsage = `用法: gongwen check [选项] 文件…
检查讲话稿等公文草稿：过时提法、占位符、结构、标点、数字……

选项:
  --format text|json|sarif   输出格式（默认 text）
  --date YYYY-MM-DD          文稿本身未注明日期时，按此日期判断提法是否过时（默认今天）
  --rules DIR                额外的规则包目录（可重复）
  --disable ID|类别          关闭某条规则或某一类别（可重复）
  --genre ID                 体裁（见 data/genres）
  --fix                      应用所有安全的自动修正并写回文件（原子写入，保留编码和换行符）
  --quiet                    text 格式下不打印汇总行
  -h, --help                 显示帮助

退出码: 0 无错误级问题；1 有错误级问题；2 用法或输入错误。
文件名为 - 时读取标准输入。`;

export async function runCheck(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      format: { type: 'string' },
      date: { type: 'string' },
      rules: { type: 'string', multiple: true },
      disable: { type: 'string', multiple: true },
      genre: { type: 'string' },
      fix: { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'check',
  );
  if (values.help) {
    io.out(checkUsage + '\n');
    return 0;
  }
  const format = oneOf(values.format, ['text', 'json', 'sarif'] as const, '--format', 'text');
  let date: string | undefined;
  if (values.date !== undefined) {
    date = parseIsoDate(values.date) ?? undefined;
    if (!date) {
      throw new CliError(`--date 不是有效日期：“${values.date}”（应为 YYYY-MM-DD，如 2026-03-05）`);
    }
  }
  if (positionals.length === 0) {
    throw new CliError('gongwen check: 缺少要检查的文件（用 gongwen check --help 查看用法）');
  }
  if (values.fix && positionals.includes('-')) {
    throw new CliError('--fix 不能用于标准输入（-）');
  }
  const disabledRules: string[] = [];
  const disabledCategories: Category[] = [];
  for (const d of values.disable ?? []) {
    if ((CATEGORIES as readonly string[]).includes(d)) {
      disabledCategories.push(d as Category);
    } else {
      disabledRules.push(d);
    }
  }
  for (const dir of values.rules ?? []) {
    if (!isDirectory(dir)) {
      throw new CliError(fs.existsSync(dir) ? `--rules 应为规则包所在的目录：“${dir}”不是目录` : `--rules 目录不存在：“${dir}”`);
    }
  }
  const gw = loadGongwen({ ruleDirs: values.rules });
  for (const issue of gw.issues) {
    io.err(`${issue.file}:${issue.line}:${issue.column} ${issue.severity} ${issue.message}\n`);
  }
  // A misspelt rule id, category or genre would silently change nothing.
  for (const id of disabledRules) {
    if (!gw.ruleHelp.has(id)) {
      throw new CliError(`--disable 未知的规则或类别“${id}”（类别：${CATEGORIES.join('、')}；规则编号见规则说明）`);
    }
  }
  if (values.genre !== undefined && !genreRegistry.get(values.genre)) {
    throw new CliError(`--genre 未知体裁“${values.genre}”（可用：${genreRegistry.list().map(p => p.id).join('、')}）`);
  }

  const reports: FileReport[] = [];
  let inputErrors = 0;
  let fixedFiles = 0;
  const judged = date;
  let reportDate: string | undefined = date;
  for (const path of positionals) {
    let input;
    try {
      input = readInput(path, io);
    } catch (e) {
      if (e instanceof CliError) {
        io.err(`gongwen: ${e.message}\n`);
        inputErrors++;
        continue;
      }
      throw e;
    }
    const options = { date: judged, markdown: /\.(md|markdown)$/i.test(path), genre: values.genre, config: { disabledRules, disabledCategories } };
    let text = input.text;
    let result: CheckResult = gw.linter.check(text, options);
    if (values.fix) {
      // Fixes can uncover or settle other findings: repeat until nothing changes (bounded).
      let changed = false;
      for (let round = 0; round < 5; round++) {
        const edits = safeFixEdits(result.findings);
        if (edits.length === 0) {
          break;
        }
        const next = applyEdits(text, edits).text;
        if (next === text) {
          break;
        }
        text = next;
        changed = true;
        result = gw.linter.check(text, options);
      }
      if (changed) {
        try {
          writeFileAtomic(path, encodeLosslessly(text, input));
          fixedFiles++;
        } catch (e) {
          // The original is untouched (atomic write, or nothing written); report, and go on with the other files.
          const code = (e as NodeJS.ErrnoException).code;
          io.err(`gongwen: ${path}: 无法写回修正（${code === 'EACCES' || code === 'EPERM' ? '没有写入权限' : (e as Error).message}），原文件未改动\n`);
          inputErrors++;
          text = input.text;
          result = gw.linter.check(text, options);
        }
      }
    }
    reportDate ??= result.date;
    reports.push(fileReport(path, text, result));
  }

  const date0 = reportDate ?? todayIso();
  if (format === 'json') {
    io.out(JSON.stringify(jsonReport(date0, reports)) + '\n');
  } else if (format === 'sarif') {
    io.out(JSON.stringify(sarifReport(reports, gw.ruleHelp, packageVersion()), null, 2) + '\n');
  } else {
    io.out(textReport(reports));
    if (!values.quiet && inputErrors === 0) {
      io.err(summaryLine(reports) + (values.fix ? `；已修正并写回 ${fixedFiles} 个文件` : '') + '\n');
    }
  }
  if (inputErrors > 0) {
    return 2;
  }
  return reports.some(r => r.diagnostics.some(d => d.severity === 'error')) ? 1 : 0;
}
