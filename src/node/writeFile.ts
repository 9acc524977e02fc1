import * as fs from 'fs';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import type { TextEncodingName } from '../core/text/decode';

/** Encodes text back into the encoding the file was read in (BOM included). */
export function encodeText(text: string, encoding: TextEncodingName): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16-be')]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
  }
}

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
