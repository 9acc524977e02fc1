import * as assert from 'assert';
import { DocContext } from '../../src/core/document';
import { codeUnitsOf } from '../../src/core/text/codeUnits';
import { seedPages } from '../support/seeds';

function plainCopy(text: string): number[] {
  return Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
}

describe('codeUnitsOf', () => {
  it('gives every UTF-16 code unit of short and long texts, one-byte strings and lone surrogates included', () => {
    const texts = [
      '',
      '同志们：',
      'plain ASCII, stored one byte per character'.repeat(20),
      'Latin-1 é ü ñ ÿ'.repeat(40),
      `𠀀字 \ud800 lone \udfff surrogates ${'\ud83d'}`.repeat(30),
      '\u0000\uffff\ufeff\r\n'.repeat(100),
      ...seedPages(),
    ];
    for (const text of texts) {
      const codes = codeUnitsOf(text);
      assert.ok(codes instanceof Uint16Array);
      assert.strictEqual(codes.length, text.length);
      assert.deepStrictEqual(Array.from(codes), plainCopy(text));
    }
  });

  it('reads a string made of pieces (a concatenation and a slice) like a flat one', () => {
    let built = '';
    for (let i = 0; i < 400; i++) {
      built += `第${i}段，人大常委会。`;
    }
    const sliced = built.slice(7, built.length - 3);
    assert.deepStrictEqual(Array.from(codeUnitsOf(sliced)), plainCopy(sliced));
  });

  it('is made once per document and shared', () => {
    const doc = new DocContext('同志们：今天召开会议。'.repeat(50));
    assert.strictEqual(doc.codes, doc.codes);
    assert.deepStrictEqual(Array.from(doc.codes), plainCopy(doc.text));
  });
});
