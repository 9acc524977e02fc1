import { checkUsage, runCheck } from './commands/check';
import { compareUsage, runCompare } from './commands/compare';
import { corpusUsage, runCorpus } from './commands/corpus';
import { outlineUsage, runOutline } from './commands/outline';
import { CliError, processIO, type CliIO } from './io';
import { packageVersion } from './version';

interface Command {
  summary: string;
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

/** The sub-commands. Each lives in commands/<name>.ts. */
export const COMMANDS: Record<string, Command> = {
  check: { summary: '检查草稿（提法、占位符、结构、标点、数字……）', usage: checkUsage, run: runCheck },
  outline: { summary: '显示讲话稿的结构（标题、称呼、各层标题、序列、结尾）', usage: outlineUsage, run: runOutline },
  compare: { summary: '在范文库中查找与草稿最相近的范文（及理由）', usage: compareUsage, run: runCompare },
  corpus: { summary: '范文库：生成（build）、列出（list）、查看（show）', usage: corpusUsage, run: runCorpus },
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)}${c.summary}`);
  return `gongwen ${packageVersion()} — 公文写作助手命令行\n\n用法: gongwen <命令> [选项]\n\n命令:\n${rows.join('\n')}\n\n用 gongwen <命令> --help 查看各命令的选项。\n`;
}

/** Runs the CLI; resolves to the exit code (0 ok, 1 error findings, 2 usage/input error). */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      io.out(usage());
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      io.out(packageVersion() + '\n');
      return 0;
    }
    const cmd = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!cmd) {
      throw new CliError(`未知命令“${name}”（可用: ${Object.keys(COMMANDS).join('、')}）`);
    }
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`gongwen: ${e.message.split('\n')[0]}\n`);
      return 2;
    }
    io.err(`gongwen: 内部错误：${(e as Error)?.stack ?? String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    code => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}
