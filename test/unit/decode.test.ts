import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { decodeBytes, DecodeError } from '../../src/core/text/decode';

const seed = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'seeds', '002_79929abaf01e1c4a.txt'), 'utf8').slice(0, 3000);

describe('decodeBytes', () => {
  it('reads UTF-16 without a BOM, in either byte order, when the text is Chinese', () => {
    const le = decodeBytes(Buffer.from(seed, 'utf16le'));
    assert.strictEqual(le.encoding, 'utf16le');
    assert.strictEqual(le.text, seed);
    const be = decodeBytes(iconv.encode(seed, 'utf16-be'));
    assert.strictEqual(be.encoding, 'utf16be');
    assert.strictEqual(be.text, seed);
    const short = decodeBytes(Buffer.from('同志们：今天召开会议', 'utf16le'));
    assert.strictEqual(short.text, '同志们：今天召开会议');
  });

  it('reads GBK/GB18030 as GB18030, not as UTF-16', () => {
    for (const text of [seed, '同志们：今天召开会议。']) {
      const d = decodeBytes(iconv.encode(text, 'gbk'));
      assert.strictEqual(d.encoding, 'gb18030');
      assert.strictEqual(d.text, text);
    }
  });

  it('refuses binary data with the offset of the first control byte', () => {
    assert.throws(
      () => decodeBytes(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x03])),
      (e: unknown) => e instanceof DecodeError && e.offset === 4 && /不是文本文件（第 5 字节起/.test(e.message),
    );
  });

  it('names the first byte that is not UTF-8 when no encoding fits', () => {
    // A text cut in the middle of a character, then a byte no encoding here takes.
    const bytes = Buffer.concat([Buffer.from('同志们：今天召开会议。'), Buffer.from([0xff, 0xff, 0xff])]);
    assert.throws(
      () => decodeBytes(bytes),
      (e: unknown) => e instanceof DecodeError && e.offset === 33 && /第 34 字节不合规则/.test(e.message),
    );
  });
});
