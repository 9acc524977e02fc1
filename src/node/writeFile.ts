import * as fs from 'fs';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { decodeBytes, type TextEncodingName } from '../core/text/decode';

/** Encodes text back into the encoding the file was read in (its BOM, if it had one). */
export function encodeText(text: string, encoding: TextEncodingName): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf16lebom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return iconv.encode(text, 'utf16-be');
    case 'utf16bebom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16-be')]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
  }
}

/** Why a file cannot be written back in its own encoding without changing what was not edited. */
export class EncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncodeError';
  }
}

/**
 * `text` (the edited content of a file read as `original` in `encoding`) encoded for writing back, only when that
 * changes nothing but the edits: the original content must encode back to exactly its bytes (GB18030 readers and
 * writers differ on a few code points: `€` as byte 0x80, some vertical forms), and the edited text must read back
 * as itself (a character the encoding lacks would become `?`).
 */
export function encodeLosslessly(text: string, original: { bytes: Uint8Array; text: string; encoding: TextEncodingName }): Buffer {
  if (!Buffer.from(encodeText(original.text, original.encoding)).equals(Buffer.from(original.bytes))) {
    throw new EncodeError(`文件的 ${ENCODING_NAMES[original.encoding]} 编码中有无法原样写回的字节`);
  }
  const out = encodeText(text, original.encoding);
  let back: string;
  try {
    back = decodeBytes(out).text;
  } catch {
    back = '';
  }
  if (back !== text) {
    throw new EncodeError(`修正后的文字有 ${ENCODING_NAMES[original.encoding]} 编码不能表示的字符`);
  }
  return out;
}

const ENCODING_NAMES: Record<TextEncodingName, string> = {
  utf8: 'UTF-8',
  utf8bom: 'UTF-8',
  utf16le: 'UTF-16LE',
  utf16lebom: 'UTF-16LE',
  utf16be: 'UTF-16BE',
  utf16bebom: 'UTF-16BE',
  gb18030: 'GB18030/GBK',
};

/**
 * Writes a file atomically: a temporary file in the same folder, then rename.
 * A crash half-way leaves the original untouched. Keeps the file's mode.
 */
export function writeFileAtomic(target: string, data: Uint8Array): void {
  // Through a symbolic link: replace the file it points to, keep the link.
  const file = fs.existsSync(target) ? fs.realpathSync(target) : target;
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.gongwen-${process.pid}-${Date.now()}.tmp`);
  let mode: number | undefined;
  try {
    mode = fs.statSync(file).mode;
  } catch {
    mode = undefined;
  }
  try {
    fs.writeFileSync(tmp, data, mode !== undefined ? { mode } : undefined);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
