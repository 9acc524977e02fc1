import * as fs from 'fs';
import { decodeBytes, DecodeError, type Decoded } from '../core/text/decode';

/** Where a command writes; tests capture it, the binary uses the process streams. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Standard input as bytes (for `-`). */
  stdin(): Uint8Array;
}

/** Set when the reader of standard output went away (`gongwen check big.txt | head -1`): the rest is dropped. */
let stdoutClosed = false;
let watchingStdout = false;

/** Writes to standard output; a closed pipe ends the output quietly instead of with an unhandled error. */
function writeStdout(t: string): void {
  if (!watchingStdout) {
    watchingStdout = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') {
        stdoutClosed = true;
        return;
      }
      process.stderr.write(`gongwen: 无法写出结果（${e.message}）\n`);
      process.exitCode = 2;
    });
  }
  if (!stdoutClosed) {
    process.stdout.write(t);
  }
}

export const processIO: CliIO = {
  out: writeStdout,
  err: t => process.stderr.write(t),
  stdin: () => fs.readFileSync(0),
};

/** Whether `p` names an existing directory (false when it is missing, a file or cannot be looked at). */
export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A usage or input error: one line on stderr, exit code 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** Documents above this size are refused with a clear message instead of being read into memory. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export interface InputFile extends Decoded {
  path: string;
  bytes: Uint8Array;
}

/** Reads and decodes one input (`-` = standard input); throws CliError with the path on failure. */
export function readInput(path: string, io: CliIO): InputFile {
  let bytes: Uint8Array;
  try {
    if (path === '-') {
      bytes = io.stdin();
    } else {
      const st = fs.statSync(path);
      if (st.isDirectory()) {
        throw new CliError(`${path}: 是目录，不是文件`);
      }
      if (st.size > MAX_INPUT_BYTES) {
        throw new CliError(`${path}: 文件过大（${(st.size / 1048576).toFixed(1)} MB，上限 ${MAX_INPUT_BYTES / 1048576} MB）`);
      }
      bytes = fs.readFileSync(path);
    }
  } catch (e) {
    if (e instanceof CliError) {
      throw e;
    }
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EACCES' ? '没有读取权限' : (e as Error).message;
    throw new CliError(`${path}: 无法读取（${why}）`);
  }
  // A Word document (a zip archive): named as such rather than as binary data.
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    const docx = /\.docx$/i.test(path);
    throw new CliError(
      docx
        ? `${path}: 是 Word 文档（.docx），这里只读纯文本（.txt、.md）：请另存为纯文本再检查（.docx 可以放进自己的范文文件夹作范文）`
        : `${path}: 是 zip 压缩文件，不是文本文件`,
    );
  }
  try {
    return { path, bytes, ...decodeBytes(bytes) };
  } catch (e) {
    if (e instanceof DecodeError) {
      throw new CliError(`${path}: ${e.message}`);
    }
    throw e;
  }
}
