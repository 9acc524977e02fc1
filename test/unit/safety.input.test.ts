/**
 * Huge and odd input: the checker completes and every range stays valid.
 * (No timing assertions here; the time figures are in `npm run bench`, suite robustness.)
 */
import * as assert from 'assert';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { safeFixEdits, applyEdits } from '../../src/core/fix';
import { decodeBytes, DecodeError } from '../../src/core/text/decode';
import { LineIndex } from '../../src/core/text/lineIndex';
import { OffThreadChecker } from '../../src/extension/offThread';
import { SEEDS } from '../fuzz/arbitraries';
import { assertFindingsValid, assertOnlyEditsChanged, gongwen } from '../fuzz/properties';

const OPTIONS = { date: '2026-11-22' };
const ALL_SEEDS = SEEDS.join('\n');

/** At least `bytes` of UTF-8: the seed pages repeated. */
function documentOfBytes(bytes: number): string {
  const perCopy = Buffer.byteLength(ALL_SEEDS);
  let text = ALL_SEEDS.repeat(Math.floor(bytes / perCopy));
  let need = bytes - Buffer.byteLength(text);
  let i = 0;
  while (need > 0) {
    const ch = ALL_SEEDS[i++ % ALL_SEEDS.length];
    text += ch;
    need -= Buffer.byteLength(ch);
  }
  return text;
}

function check(text: string) {
  const gw = gongwen();
  const before = gw.issues.length;
  const r = gw.linter.check(text, OPTIONS);
  assert.deepStrictEqual(gw.issues.slice(before), [], 'a checker threw');
  assertFindingsValid(text, r.findings);
  return r;
}

describe('safety: huge and odd input', function () {
  this.timeout(180_000);

  it('a 10 MB document is checked to the end; findings cover the whole document, capped per rule', () => {
    const text = documentOfBytes(10 * 1024 * 1024);
    assert.ok(Buffer.byteLength(text) >= 10 * 1024 * 1024);
    const r = check(text);
    assert.ok(r.findings.length > 0);
    // Findings reach the last tenth of the document (nothing stops half-way).
    assert.ok(r.findings.some(f => f.start > text.length * 0.9), 'no findings in the last tenth of the document');
    // Ranges map to valid line/character positions.
    const lines = new LineIndex(text);
    for (const f of r.findings.slice(-50)) {
      const p = lines.positionAt(f.end);
      assert.strictEqual(lines.offsetAt(p), f.end);
    }
  });

  it('a single 1 MB line (no line breaks) is checked', () => {
    const unit = '各级人大要加强对一府两院的监督，XXX同志指出,要认真落实。';
    const text = unit.repeat(Math.ceil((1 << 20) / unit.length));
    const r = check(text);
    assert.ok(r.findings.some(f => f.start > text.length - 1000), 'findings reach the end of the line');
    // Fix-all over the whole line changes only the fixed spans.
    const edits = safeFixEdits(r.findings);
    const { text: fixed, applied } = applyEdits(text, edits);
    assertOnlyEditsChanged(text, fixed, applied);
  });

  it('edits in any order: the earlier of two clashing edits wins, as when each is tested against all accepted', () => {
    // The reference: every edit tested against everything accepted before it, then applied from the end.
    const naive = (text: string, edits: { start: number; end: number; newText: string }[]) => {
      const accepted: typeof edits = [];
      const clash = (a: (typeof edits)[0], b: (typeof edits)[0]) =>
        (a.start < b.end && b.start < a.end) || (a.start === b.start && (a.start === a.end || b.start === b.end));
      for (const e of edits) {
        if (e.start >= 0 && e.end <= text.length && e.start <= e.end && !accepted.some(x => clash(x, e))) {
          accepted.push(e);
        }
      }
      let out = text;
      for (const e of accepted.slice().sort((a, b) => b.start - a.start)) {
        out = out.slice(0, e.start) + e.newText + out.slice(e.end);
      }
      return out;
    };
    let seed = 5;
    const rnd = (n: number) => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return Math.floor((seed / 4294967296) * n);
    };
    for (let k = 0; k < 300; k++) {
      const text = '甲乙丙丁'.repeat(50 + rnd(200));
      // Ascending, descending and shuffled lists, long enough for the accepted edits to be merged in several times.
      const edits = Array.from({ length: rnd(600) }, () => {
        const start = rnd(text.length + 2) - 1;
        return { start, end: start + rnd(4), newText: String(rnd(10)) };
      });
      if (k % 3 === 1) {
        edits.sort((a, b) => b.start - a.start);
      } else if (k % 3 === 2) {
        edits.sort((a, b) => a.start - b.start);
      }
      assert.strictEqual(applyEdits(text, edits).text, naive(text, edits), `case ${k}`);
    }
  });

  it('NUL bytes, control characters, lone surrogates, BOMs and bidi controls inside the text', () => {
    const seed = SEEDS[2].slice(0, 3000);
    const variants = [
      seed.replace(/。/g, '。\u0000'),
      seed.replace(/，/g, '\u0001，\u001B'),
      '\uD800' + seed.replace(/的/g, '的\uDC00') + '\uDBFF',
      '\uFEFF' + seed.replace(/\n/g, '\n\uFEFF'),
      seed.replace(/同志/g, '\u202E同志\u202C'),
      seed.replace(/[一二三]/g, m => m + '\u0301\u20DD'),
      '\u0000'.repeat(10_000),
      '\uFFFF\uFFFE'.repeat(5000),
    ];
    for (const text of variants) {
      check(text);
    }
  });

  it('CRLF, lone CR, mixed line ends and U+2028: ranges and line numbers agree with VS Code’s line model', () => {
    const seed = SEEDS[4].slice(0, 6000);
    const lf = seed.replace(/\r\n?/g, '\n');
    const forms = [lf, lf.replace(/\n/g, '\r\n'), lf.replace(/\n/g, '\r'), lf.replace(/\n/g, (_m, i: number) => ['\n', '\r\n', '\r'][i % 3]), lf.replace(/\n/g, '\u2028')];
    const counts = forms.map(t => {
      const r = check(t);
      const lines = new LineIndex(t);
      for (const f of r.findings) {
        const s = lines.positionAt(f.start);
        const e = lines.positionAt(f.end);
        assert.ok(s.line <= e.line && s.line < lines.lineCount && e.line < lines.lineCount);
        // A finding never starts or ends between the CR and LF of a CRLF.
        assert.ok(!(t[f.start - 1] === '\r' && t[f.start] === '\n'), `${f.ruleId} starts inside a CRLF`);
        assert.ok(!(t[f.end - 1] === '\r' && t[f.end] === '\n'), `${f.ruleId} ends inside a CRLF`);
      }
      return r.findings.length;
    });
    // LF, CRLF and lone CR are the same document to the checker.
    assert.strictEqual(counts[1], counts[0], 'CRLF changes the number of findings');
    assert.strictEqual(counts[2], counts[0], 'lone CR changes the number of findings');
  });

  it('with lone-CR line ends a whole-line finding and its delete fix stay on their line (never the whole draft)', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['当前位置:首页 > 范文大全 > 公文范文 > 正文', '同志们：今天我们召开全市人大工作会议。', '一、提高认识', '要认真落实。'].join(eol);
      const residue = check(text).findings.filter(f => f.category === 'residue');
      assert.ok(residue.length > 0, `residue found with ${JSON.stringify(eol)}`);
      const firstLineEnd = text.indexOf(eol) + eol.length;
      for (const f of residue) {
        assert.ok(f.end <= firstLineEnd, `finding reaches past the first line with ${JSON.stringify(eol)}`);
        for (const e of f.fixes.flatMap(x => x.edits)) {
          assert.ok(e.end <= firstLineEnd, `fix deletes past the first line with ${JSON.stringify(eol)}`);
        }
      }
    }
  });

  it('binary files are refused with a located reason; BOMs and UTF-16 without BOM are recognised', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(64, 0)]);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(100, 0)]);
    for (const bytes of [png, zip, elf]) {
      assert.throws(
        () => decodeBytes(bytes),
        (e: unknown) => e instanceof DecodeError && /二进制/.test(e.message) && typeof e.offset === 'number',
      );
    }
    const text = '同志们：\n今天召开会议。';
    assert.deepStrictEqual(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), { text, encoding: 'utf8bom' });
    const ascii = 'Gongwen 2026: draft\r\n';
    assert.deepStrictEqual(decodeBytes(Buffer.from(ascii.repeat(10), 'utf16le')), { text: ascii.repeat(10), encoding: 'utf16le' });
    assert.deepStrictEqual(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])), { text, encoding: 'utf16lebom' });
    // A BOM followed by a second U+FEFF keeps the second one (it is text).
    assert.strictEqual(decodeBytes(Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41])).text, '\uFEFFA');
  });

  it('the worker checks a large document to the same result as the host', async () => {
    const text = documentOfBytes(300 * 1024);
    const src = path.join(__dirname, '..', '..', 'src', 'extension', 'worker.ts');
    const gw = gongwen();
    const checker = new OffThreadChecker({
      workerFile: src,
      createWorker: f => new Worker(`require('tsx/cjs'); require(${JSON.stringify(f)});`, { eval: true }),
      dataDir: gw.dataDir,
      fallback: (t, o) => gw.linter.check(t, o),
      chunkChars: 64 * 1024,
    });
    try {
      const off = await checker.check('doc', text, OPTIONS);
      assert.strictEqual(checker.stats.worker, 1);
      assert.strictEqual(checker.stats.fallback, 0);
      assert.deepStrictEqual(off, gw.linter.check(text, OPTIONS));
    } finally {
      checker.dispose();
    }
  });
});
