/**
 * The robustness properties of every core entry point, shared by the bounded
 * run in `npm test` (test/unit/fuzz.test.ts) and the long run in `npm run fuzz`
 * (test/fuzz/run.ts).
 *
 * Every property says: no exception escapes; every range lies inside its
 * document; identical input gives identical output; plus what is specific to
 * the entry point (fix-all converges and changes nothing outside the findings
 * it fixes, a diff reassembles both texts, a decoded file re-encodes to the
 * same text …).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import type { CheckOptions } from '../../src/core/check';
import { DocContext } from '../../src/core/document';
import { Comparer, detectCopies, paragraphDiff, segmentSpeech } from '../../src/core/compare';
import { parseFromPanel, parseToPanel, isPanelModel } from '../../src/core/compare';
import { CorpusIndex, type Speech } from '../../src/core/corpus';
import { ingestPages } from '../../src/core/corpus/ingest';
import { parseResidueList, residueMatcher } from '../../src/core/corpus/residue';
import { applyEdits, safeFixEdits } from '../../src/core/fix';
import { fileReport } from '../../src/core/report';
import { compileRuleSet, parseRulePack } from '../../src/core/rules';
import { outlineToJson, outlineToText, parseOutline } from '../../src/core/structure';
import { parseGenreProfile } from '../../src/core/structure/genres';
import { decodeBytes, DecodeError, type TextEncodingName } from '../../src/core/text/decode';
import { LineIndex } from '../../src/core/text/lineIndex';
import { CATEGORIES, SEVERITIES, type Finding, type OffsetEdit } from '../../src/core/types';
import { loadGongwen, type Gongwen } from '../../src/node/services';
import { loadBuiltinCorpus } from '../../src/node/corpusData';
import { checkZip, CorpusFileError, readTextFile, speechFromFileText } from '../../src/node/corpusUser';
import { encodeText } from '../../src/node/writeFile';
import { anyText, editsFor, longLine, mutatedSeed, pieces, SEEDS, speechLike } from './arbitraries';

const DATA = path.join(__dirname, '..', '..', 'data');
const OPTIONS: CheckOptions = { date: '2026-11-22' };

let engine: Gongwen | undefined;
/** The shipped engine, loaded once (built-in packs, genres, residue list). */
export function gongwen(): Gongwen {
  engine ??= loadGongwen({ dataDir: DATA });
  return engine;
}

/** Fails if a checker threw during `run` (the Linter isolates it, but it is still a bug). */
function noCheckerFailure<T>(run: () => T): T {
  const gw = gongwen();
  const before = gw.issues.length;
  const r = run();
  const added = gw.issues.slice(before);
  assert.deepStrictEqual(added, [], `a checker threw: ${added.map(i => i.message).join('; ')}`);
  return r;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** An offset between the two halves of a well-formed surrogate pair. */
function splitsPair(text: string, at: number): boolean {
  return at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));
}

/** Every range of a finding lies inside the document and never splits a character. */
export function assertFindingsValid(text: string, findings: readonly Finding[]): void {
  const n = text.length;
  for (const f of findings) {
    const where = `${f.ruleId} [${f.start}, ${f.end}) in a text of ${n}`;
    assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end) && 0 <= f.start && f.start <= f.end && f.end <= n, `range outside the document: ${where}`);
    assert.ok(!splitsPair(text, f.start) && !splitsPair(text, f.end), `range splits a surrogate pair: ${where}`);
    assert.ok((CATEGORIES as readonly string[]).includes(f.category), `unknown category ${f.category}`);
    assert.ok((SEVERITIES as readonly string[]).includes(f.severity), `unknown severity ${f.severity}`);
    assert.ok(typeof f.message === 'string' && f.message.length > 0, `empty message: ${where}`);
    for (const r of f.related ?? []) {
      assert.ok(0 <= r.start && r.start <= r.end && r.end <= n, `related range outside the document: ${where}`);
    }
    for (const fix of f.fixes) {
      for (const e of fix.edits) {
        assert.ok(0 <= e.start && e.start <= e.end && e.end <= n, `fix edit outside the document: ${where} edit [${e.start}, ${e.end})`);
        assert.ok(!splitsPair(text, e.start) && !splitsPair(text, e.end), `fix edit splits a surrogate pair: ${where}`);
        assert.strictEqual(typeof e.newText, 'string');
      }
    }
  }
}

/** Walks any result object: every {start, end} pair lies inside [0, n]; every `line` inside the line count. */
export function assertSpansInside(value: unknown, n: number, lineCount: number, where: string): void {
  const seen = new Set<unknown>();
  const walk = (v: unknown, p: string) => {
    if (v === null || typeof v !== 'object' || seen.has(v)) {
      return;
    }
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') {
      assert.ok(0 <= o.start && o.start <= o.end && o.end <= n, `${where}: ${p} [${o.start}, ${o.end}) outside [0, ${n}]`);
    }
    for (const k of ['line', 'startLine', 'endLine']) {
      if (typeof o[k] === 'number') {
        assert.ok(0 <= (o[k] as number) && (o[k] as number) < Math.max(1, lineCount), `${where}: ${p}.${k} = ${o[k]} outside ${lineCount} lines`);
      }
    }
    for (const [k, child] of Object.entries(o)) {
      walk(child, `${p}.${k}`);
    }
  };
  walk(value, '');
}

/**
 * The reconstruction check of an edit application: the result is the original
 * with exactly the applied edits spliced in, and nothing else changed.
 */
export function assertOnlyEditsChanged(before: string, after: string, applied: readonly OffsetEdit[]): void {
  let pos = 0;
  let at = 0;
  for (const e of applied) {
    assert.ok(e.start >= pos, 'applied edits overlap or are out of order');
    const same = before.slice(pos, e.start);
    assert.strictEqual(after.slice(at, at + same.length), same, `text outside the edits changed near offset ${pos}`);
    at += same.length;
    assert.strictEqual(after.slice(at, at + e.newText.length), e.newText);
    at += e.newText.length;
    pos = e.end;
  }
  assert.strictEqual(after.slice(at), before.slice(pos), 'text after the last edit changed');
}

/** The spans fix-all may touch: each finding with a safe fix, and its related locations. */
function fixableSpans(findings: readonly Finding[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const f of findings) {
    if (f.fixes.some(x => x.safe)) {
      spans.push([f.start, f.end]);
      for (const r of f.related ?? []) {
        spans.push([r.start, r.end]);
      }
    }
  }
  return spans;
}

const MAX_FIX_ROUNDS = 5;

/** Applies fix-all until nothing changes; returns the rounds taken (fails if it does not settle). */
export function fixAllConverges(text: string, options: CheckOptions = OPTIONS): { text: string; rounds: number } {
  const gw = gongwen();
  let current = text;
  for (let round = 0; round <= MAX_FIX_ROUNDS; round++) {
    const findings = gw.linter.check(current, options).findings;
    const edits = safeFixEdits(findings);
    if (edits.length === 0) {
      return { text: current, rounds: round };
    }
    const spans = fixableSpans(findings);
    for (const e of edits) {
      assert.ok(
        spans.some(([s, t]) => s <= e.start && e.end <= t),
        `fix-all edit [${e.start}, ${e.end}) → “${e.newText}” lies outside every finding it fixes`,
      );
    }
    const { text: next, applied } = applyEdits(current, edits);
    assert.strictEqual(applied.length, edits.length, 'safeFixEdits returned overlapping edits');
    assertOnlyEditsChanged(current, next, applied);
    if (next === current) {
      return { text: current, rounds: round };
    }
    current = next;
  }
  assert.fail(`fix-all did not settle within ${MAX_FIX_ROUNDS} rounds: ${JSON.stringify(text.slice(0, 200))}`);
}

const clash = (a: OffsetEdit, b: OffsetEdit) => (a.start < b.end && b.start < a.end) || (a.start === b.start && (a.start === a.end || b.start === b.end));

/** The obvious O(n²) reading of applyEdits' contract. */
function referenceApply(text: string, edits: readonly OffsetEdit[]): { text: string; applied: OffsetEdit[] } {
  const accepted: OffsetEdit[] = [];
  for (const e of edits) {
    if (e.start >= 0 && e.end <= text.length && e.start <= e.end && !accepted.some(a => clash(a, e))) {
      accepted.push(e);
    }
  }
  const sorted = [...accepted].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return { text: out + text.slice(pos), applied: sorted };
}

/** The obvious O(n²) reading of safeFixEdits' contract. */
function referenceSafeFixEdits(findings: readonly Finding[]): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  for (const f of findings) {
    const fix = f.fixes.find(x => x.safe);
    if (!fix) {
      continue;
    }
    const own: OffsetEdit[] = [];
    if (fix.edits.every(e => e.start >= 0 && e.start <= e.end && !edits.some(a => clash(a, e)) && !own.some(a => clash(a, e)) && own.push(e) > 0)) {
      edits.push(...own);
    }
  }
  return edits.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** A speech's paragraphs and outline lie inside its text. */
function assertSpeechValid(sp: Speech): void {
  const lines = new LineIndex(sp.text);
  assert.strictEqual(sp.chars, sp.text.length);
  for (const p of sp.paragraphs) {
    assert.ok(0 <= p.start && p.start <= p.end && p.end <= sp.text.length, `paragraph [${p.start}, ${p.end}) outside the speech`);
    assert.strictEqual(sp.text.slice(p.start, p.end), p.text);
  }
  for (const h of sp.outline) {
    assert.ok(0 <= h.line && h.line < lines.lineCount, `heading line ${h.line} outside ${lines.lineCount}`);
  }
}

let builtinIndex: CorpusIndex | undefined;
/** The built-in corpus (data/corpus), indexed once. */
function corpusIndex(): CorpusIndex {
  builtinIndex ??= new CorpusIndex(loadBuiltinCorpus(DATA).speeches);
  return builtinIndex;
}

let comparer: Comparer | undefined;

// Control characters (other than tab, LF, FF, CR) make a file binary: the reader refuses it on purpose.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g;

const ENCODINGS: TextEncodingName[] = ['utf8', 'utf8bom', 'utf16le', 'utf16lebom', 'utf16be', 'utf16bebom', 'gb18030'];

export interface FuzzProperty {
  name: string;
  /** Cases in `npm test`; the long run multiplies it. */
  runs: number;
  property: fc.IProperty<unknown[]>;
}

const sanitizeModel = (m: object) => JSON.stringify({ ...m, elapsedMs: 0 });

/** Every property, in a fixed order. */
export function fuzzProperties(): FuzzProperty[] {
  return [
    {
      name: 'check: no exception, ranges inside the document, no split characters, deterministic',
      runs: 80,
      property: fc.property(anyText(), fc.boolean(), (text, markdown) => {
        const gw = gongwen();
        const options = { ...OPTIONS, markdown };
        const a = noCheckerFailure(() => gw.linter.check(text, options));
        assertFindingsValid(text, a.findings);
        const b = gw.linter.check(text, options);
        assert.deepStrictEqual(b, a, 'identical input gave different output');
        const report = fileReport('x.txt', text, a);
        const lines = new LineIndex(text);
        for (const d of report.diagnostics) {
          assert.ok(d.range.start.line >= 0 && d.range.end.line < Math.max(1, lines.lineCount));
          assert.ok(d.range.start.character >= 0 && d.range.end.character >= 0);
        }
      }),
    },
    {
      name: 'check: very long single lines stay valid',
      runs: 6,
      property: fc.property(longLine(120_000), text => {
        const a = noCheckerFailure(() => gongwen().linter.check(text, OPTIONS));
        assertFindingsValid(text, a.findings);
      }),
    },
    {
      name: 'fix-all: converges in bounded rounds and changes nothing outside the findings it fixes',
      runs: 50,
      property: fc.property(fc.oneof(mutatedSeed(3000), pieces(150)), text => {
        const first = fixAllConverges(text);
        // The settled text is a fixed point, and fixing is deterministic.
        assert.strictEqual(fixAllConverges(first.text).rounds, 0, 'the fixed text still has safe fixes');
        assert.strictEqual(fixAllConverges(text).text, first.text);
      }),
    },
    {
      name: 'applyEdits: any edit list — result is the original with exactly the applied edits spliced in',
      runs: 300,
      property: fc.property(
        anyText(300).chain(t => fc.tuple(fc.constant(t), editsFor(t.length))),
        ([text, edits]) => {
          const { text: out, applied } = applyEdits(text, edits);
          for (const e of applied) {
            assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length);
            assert.ok(edits.includes(e), 'applied an edit that was not asked for');
          }
          assertOnlyEditsChanged(text, out, applied);
          assert.deepStrictEqual(applyEdits(text, edits), { text: out, applied });
        },
      ),
    },
    {
      name: 'applyEdits and safeFixEdits agree with the plain quadratic reference (earlier edit wins; a fix goes in whole or not at all)',
      runs: 300,
      property: fc.property(
        fc.nat(400).chain(n =>
          fc.tuple(
            fc.constant(n),
            editsFor(n),
            fc.array(fc.tuple(fc.boolean(), editsFor(n).map(es => es.slice(0, 3))), { maxLength: 10 }),
          ),
        ),
        ([n, edits, fixes]) => {
          const text = '字'.repeat(n);
          assert.deepStrictEqual(applyEdits(text, edits), referenceApply(text, edits));
          const findings: Finding[] = fixes.map(([safe, es], i) => ({
            ruleId: `r${i}`,
            category: 'wording',
            severity: 'info',
            message: 'm',
            start: 0,
            end: 0,
            fixes: [{ title: 't', edits: es, safe }],
          }));
          assert.deepStrictEqual(safeFixEdits(findings), referenceSafeFixEdits(findings));
        },
      ),
    },
    {
      name: 'outline: no exception, spans and lines inside the document, deterministic, JSON/text views build',
      runs: 150,
      property: fc.property(anyText(), fc.boolean(), (text, markdown) => {
        const o = parseOutline(text, { markdown });
        const lines = new LineIndex(text);
        assertSpansInside(o, text.length, lines.lineCount, 'outline');
        assert.deepStrictEqual(parseOutline(text, { markdown }), o);
        const json = outlineToJson(o);
        assert.strictEqual(JSON.stringify(outlineToJson(parseOutline(text, { markdown }))), JSON.stringify(json));
        assert.strictEqual(typeof outlineToText(o), 'string');
      }),
    },
    {
      name: 'compare: paragraph diff reassembles both texts; parts and copy runs inside their texts',
      runs: 100,
      property: fc.property(anyText(1500), anyText(1500), (a, b) => {
        const segs = paragraphDiff(a, b);
        assert.strictEqual(segs.filter(s => s[0] !== 1).map(s => s[1]).join(''), a, 'diff lost old text');
        assert.strictEqual(segs.filter(s => s[0] !== -1).map(s => s[1]).join(''), b, 'diff lost new text');
        assert.deepStrictEqual(paragraphDiff(a, b), segs);
        const parts = segmentSpeech(a);
        assertSpansInside(parts, a.length, new LineIndex(a).lineCount, 'segmentSpeech');
        const copies = detectCopies(a, b);
        for (const r of copies.runs) {
          assert.ok(0 <= r.start && r.start <= r.end && r.end <= a.length, `copy run [${r.start}, ${r.end}) outside the draft (${a.length})`);
          assert.ok(0 <= r.sourceStart && r.sourceStart <= b.length, `copy run source ${r.sourceStart} outside the exemplar (${b.length})`);
        }
        assert.deepStrictEqual(detectCopies(a, b), copies);
      }),
    },
    {
      name: 'compare panel: any draft builds a valid panel model, deterministically; panel messages are validated',
      runs: 30,
      property: fc.property(anyText(3000), fc.anything(), (text, junk) => {
        comparer ??= new Comparer(corpusIndex());
        const req = { text, docUri: 'untitled:x', docName: 'x', docVersion: 1, date: '2026-11-22' };
        const m = comparer.build(req);
        assert.ok(isPanelModel(m), 'the built model fails the panel validator');
        assert.strictEqual(sanitizeModel(comparer.build(req)), sanitizeModel(m));
        // Whatever arrives over the message channel is either a valid message or null, never an exception.
        parseFromPanel(junk);
        parseToPanel(junk);
      }),
    },
    {
      name: 'corpus ingest: any pages give speeches whose paragraphs and outline lie inside their text, deterministically',
      runs: 30,
      property: fc.property(fc.array(fc.record({ name: fc.constantFrom('001_a.txt', '002_b.txt', 'x'), text: fc.oneof(anyText(6000), mutatedSeed(8000)) }), { minLength: 1, maxLength: 3 }), pages => {
        gongwen(); // installs the residue list
        const r = ingestPages(pages, { residue: residueMatcher(), minChars: 50 });
        for (const sp of r.speeches) {
          assertSpeechValid(sp);
        }
        const again = ingestPages(pages, { residue: residueMatcher(), minChars: 50 });
        assert.deepStrictEqual(again.speeches.map(x => [x.id, x.text]), r.speeches.map(x => [x.id, x.text]));
      }),
    },
    {
      name: 'corpus search: any query — scores finite in [0, 1], passages inside query and speech, deterministic',
      runs: 60,
      property: fc.property(anyText(3000), fc.integer({ min: 0, max: 30 }), (query, top) => {
        const index = corpusIndex();
        const hits = index.search(query, { top });
        assert.ok(hits.length <= Math.max(top, 0) || top === 0);
        for (const h of hits) {
          assert.ok(Number.isFinite(h.score) && h.score >= 0 && h.score <= 1 + 1e-9, `score ${h.score}`);
          for (const p of h.why.passages) {
            assert.ok(0 <= p.queryStart && p.queryStart <= p.queryEnd && p.queryEnd <= query.length, 'passage outside the query');
            assert.ok(0 <= p.speechStart && p.speechStart <= p.speechEnd && p.speechEnd <= h.speech.text.length, 'passage outside the speech');
          }
          assert.ok(h.why.passageCoverage >= 0 && h.why.passageCoverage <= 1 + 1e-9);
          assert.strictEqual(typeof h.why.summary, 'string');
        }
        assert.deepStrictEqual(index.search(query, { top }).map(h => [h.speech.id, h.score]), hits.map(h => [h.speech.id, h.score]));
        for (const p of index.searchParagraphs(query, { top: 5 })) {
          assert.ok(Number.isFinite(p.score));
          assert.ok(0 <= p.paragraph.start && p.paragraph.end <= p.speech.text.length);
        }
      }),
    },
    {
      name: 'user corpus files: any bytes are a speech or a CorpusFileError; any .docx bytes pass the zip guard or are refused',
      runs: 150,
      property: fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          anyText(2000).map(t => new Uint8Array(Buffer.from(t, 'utf8'))),
          fc.tuple(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 60 })).map(([a, b]) => new Uint8Array(Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), a, Buffer.from([0x50, 0x4b, 0x05, 0x06]), b]))),
        ),
        bytes => {
          for (const run of [() => readTextFile(bytes, 'x.txt'), () => checkZip(bytes, 'x.docx')]) {
            try {
              run();
            } catch (e) {
              assert.ok(e instanceof CorpusFileError, `not a CorpusFileError: ${String((e as Error)?.stack ?? e)}`);
              assert.ok(e.message.length > 0 && e.file.length > 0);
            }
          }
          let text: string;
          try {
            text = readTextFile(bytes, 'x.txt');
          } catch {
            return;
          }
          assertSpeechValid(speechFromFileText(text, '/tmp/x.txt'));
        },
      ),
    },
    {
      name: 'decode: any bytes decode or are refused with a DecodeError; decoded text re-encodes to itself',
      runs: 300,
      property: fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 600 }),
          anyText(600).map(t => new Uint8Array(Buffer.from(t, 'utf8'))),
          fc.tuple(anyText(300), fc.constantFrom(...ENCODINGS)).map(([t, e]) => new Uint8Array(encodeText(t, e))),
        ),
        bytes => {
          let d;
          try {
            d = decodeBytes(bytes);
          } catch (e) {
            assert.ok(e instanceof DecodeError, `not a DecodeError: ${String(e)}`);
            assert.ok((e as Error).message.length > 0);
            return;
          }
          const again = decodeBytes(encodeText(d.text, d.encoding));
          assert.strictEqual(again.text, d.text, `re-encoding as ${d.encoding} changed the text`);
          assert.deepStrictEqual(decodeBytes(bytes), d);
        },
      ),
    },
    {
      name: 'encode→decode: text written in any supported encoding reads back identically',
      runs: 200,
      property: fc.property(
        fc.oneof(mutatedSeed(800), speechLike).map(t => t.replace(CONTROLS, '').replace(/[\uD800-\uDFFF]/g, '字')),
        fc.constantFrom(...ENCODINGS),
        (text, enc) => {
          // A file without BOM cannot begin with U+FEFF: those bytes are the BOM. Text read from such a file never does.
          fc.pre(!((enc === 'utf8' || enc === 'utf16le' || enc === 'utf16be') && text.startsWith('\uFEFF')));
          // Very short GB18030 text can also be valid UTF-8 (迎 = D3 AD = U+04ED) and is read as UTF-8: the bytes
          // survive a write unchanged, but the text is not the same. Real files have more than a few characters.
          fc.pre(enc !== 'gb18030' || (text.match(/[\u4e00-\u9fff]/g) ?? []).length >= 12);
          // UTF-16 without a BOM is told by its byte pattern, which a few characters do not give (領 is 98 18 in
          // UTF-16BE, a control byte): the same condition.
          fc.pre((enc !== 'utf16le' && enc !== 'utf16be') || (text.match(/[\u4e00-\u9fff]/g) ?? []).length >= 12);
          const d = decodeBytes(encodeText(text, enc));
          assert.strictEqual(d.text, text, `${enc} round trip changed the text`);
        },
      ),
    },
    {
      name: 'rule packs: any YAML-ish input gives a pack or located issues, never an exception; what compiles runs',
      runs: 40,
      property: fc.property(packText(), text => {
        const r = parseRulePack(text, 'fuzz.yaml', false);
        for (const i of r.issues) {
          assert.strictEqual(i.file, 'fuzz.yaml');
          assert.ok(Number.isInteger(i.line) && i.line >= 0 && Number.isInteger(i.column) && i.column >= 0, 'issue without a valid location');
          assert.ok(i.message.length > 0 && (i.severity === 'error' || i.severity === 'warning'));
        }
        assert.deepStrictEqual(parseRulePack(text, 'fuzz.yaml', false), r);
        if (r.pack) {
          // The deep regex analysis of user packs has its own test (safety.regex); here compile as built-in to keep the run short.
          const { ruleSet, issues } = compileRuleSet([{ ...r.pack, builtin: true }]);
          for (const i of issues) {
            assert.ok(i.line >= 0 && i.column >= 0 && i.message.length > 0);
          }
          const sample = SEEDS[0].slice(0, 3000);
          let threw: unknown;
          ruleSet.onError = (_id, err) => (threw = err);
          const findings = ruleSet.check(new DocContext(sample, OPTIONS));
          assert.strictEqual(threw, undefined);
          assertFindingsValid(sample, findings);
        }
      }),
    },
    {
      name: 'data files: genre profiles and the residue list give located issues for any input, never an exception',
      runs: 60,
      property: fc.property(fc.oneof(dataText('genres'), dataText('residue')), text => {
        const g = parseGenreProfile(text, 'fuzz.yaml');
        const r = parseResidueList(text, 'fuzz.yaml');
        for (const i of [...g.issues, ...r.issues] as { line: number; column: number; message: string }[]) {
          assert.ok(i.line >= 0 && i.column >= 0 && i.message.length > 0, `bad issue ${JSON.stringify(i)}`);
        }
      }),
    },
  ];
}

/** Real rule packs, mutated at the YAML level (types swapped, keys dropped/duplicated, lines shuffled) or plain noise. */
function packText(): fc.Arbitrary<string> {
  const dir = path.join(DATA, 'rules');
  const packs = fs
    .readdirSync(dir)
    .filter(f => /\.ya?ml$/.test(f))
    .sort()
    .map(f => fs.readFileSync(path.join(dir, f), 'utf8'));
  return yamlMutations(packs);
}

function dataText(kind: 'genres' | 'residue'): fc.Arbitrary<string> {
  const texts =
    kind === 'genres'
      ? fs
          .readdirSync(path.join(DATA, 'genres'))
          .sort()
          .map(f => fs.readFileSync(path.join(DATA, 'genres', f), 'utf8'))
      : [fs.readFileSync(path.join(DATA, 'residue.yaml'), 'utf8')];
  return yamlMutations(texts);
}

function yamlMutations(sources: readonly string[]): fc.Arbitrary<string> {
  const lineOps = fc.array(
    fc.oneof(
      fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('dup' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('swap' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('indent' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('value' as const), at: fc.nat(), v: fc.constantFrom('42', '[]', '{}', 'null', '~', 'true', '- x', '"', "'", '*a', '&a x', '!!binary x', '(a+)+$', '[', 'ü', '\t', '\u0000', '\uD800') }),
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(), v: pieces(6) }),
    ),
    { maxLength: 8 },
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.nat(Math.max(0, sources.length - 1)), lineOps).map(([i, ops]) => applyLineOps(sources[i] ?? '', ops)) },
    { weight: 1, arbitrary: anyText(400) },
    { weight: 1, arbitrary: fc.constantFrom('', '---', '...', 'pack: x', 'rules: 1', '&a [*a]', 'a: &a [*a, *a, *a]', '- - - -', '{', ':', '? x') },
  );
}

type LineOp = { op: 'drop' | 'dup' | 'swap' | 'indent'; at: number } | { op: 'value' | 'insert'; at: number; v: string };

function applyLineOps(text: string, ops: readonly LineOp[]): string {
  const lines = text.split('\n');
  for (const o of ops) {
    if (lines.length === 0) {
      break;
    }
    const i = o.at % lines.length;
    switch (o.op) {
      case 'drop':
        lines.splice(i, 1);
        break;
      case 'dup':
        lines.splice(i, 0, lines[i]);
        break;
      case 'swap':
        if (i + 1 < lines.length) {
          [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
        }
        break;
      case 'indent':
        lines[i] = '  ' + lines[i];
        break;
      case 'value': {
        const c = lines[i].indexOf(':');
        lines[i] = c >= 0 ? `${lines[i].slice(0, c + 1)} ${o.v}` : lines[i] + o.v;
        break;
      }
      case 'insert':
        lines.splice(i, 0, o.v);
        break;
    }
  }
  return lines.join('\n');
}

