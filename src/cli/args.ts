import { parseArgs, type ParseArgsConfig } from 'util';
import { CliError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** util.parseArgs with errors turned into one-line usage errors. */
export function parse<T extends Options>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`gongwen ${command}: ${optionError(e as Error & { code?: string })}（用 gongwen ${command} --help 查看用法）`);
  }
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, def: T): T {
  if (value === undefined) {
    return def;
  }
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError(`${flag} 只能是 ${allowed.join('|')}，不能是“${value}”`);
  }
  return value as T;
}

/** util.parseArgs's error in Chinese, naming the option (its English message when the kind is unknown). */
function optionError(e: Error & { code?: string }): string {
  const option = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `未知选项“${option}”`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(e.message) ? `选项“${option.split(' ')[0]}”缺少值` : `选项“${option.split(' ')[0]}”不接受值`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数“${option}”`;
    default:
      return e.message.replace(/\. To specify a positional argument.*$/, '');
  }
}
