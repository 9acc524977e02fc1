import { parseArgs, type ParseArgsConfig } from 'util';
import { CliError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** util.parseArgs with errors turned into one-line usage errors. */
export function parse<T extends Options>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/, '');
    throw new CliError(`gongwen ${command}: ${msg}（用 gongwen ${command} --help 查看用法）`);
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
