import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseOutline } from '../../src/core/structure';
import { assertStandingCommitteeReport } from '../support/report';

const root = path.join(__dirname, '..', '..');
type Snippet = { prefix: string[]; description: string; body: string[] };
const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets', 'speech.json'), 'utf8')) as Record<string, Snippet>;

/** A snippet body as VS Code inserts it on `day` with every placeholder left at its default (a choice: its first). */
function expand(body: readonly string[], day: Date): string {
  return body
    .join('\n')
    .replace(/\$CURRENT_YEAR/g, String(day.getFullYear()))
    .replace(/\$\{CURRENT_MONTH\/[^}]*\}/g, String(day.getMonth() + 1))
    .replace(/\$\{CURRENT_DATE\/[^}]*\}/g, String(day.getDate()))
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '');
}

describe('snippets', () => {
  it('have unique prefixes and a description each', () => {
    const prefixes = Object.values(snippets).flatMap(s => s.prefix);
    assert.strictEqual(new Set(prefixes).size, prefixes.length);
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s.description && s.body.length > 0, name);
    }
  });

  it('the report snippets give a report to a standing committee, dated today, with its salutation and closing', () => {
    const day = new Date(2026, 10, 23);
    const report = [
      expand(snippets['向人大常委会的报告'].body, day),
      '一、基本情况',
      '全年共办理代表建议286件。',
      expand(snippets['结尾：以上报告，请予审议'].body, day),
    ].join('\n');
    assert.ok(report.startsWith('关于某某工作情况的报告\n——2026年11月23日在某某市第某届人民代表大会常务委员会第某次会议上\n'), report);
    assertStandingCommitteeReport(report, '2026-11-23');
    // The salutation snippet's other choice is a salutation too.
    const npc = expand(snippets['称呼：常委会会议'].body, day).replace('主任、各位副主任', '委员长、各位副委员长');
    assert.strictEqual(parseOutline(`${npc}\n正文。`).salutation?.text, '委员长、各位副委员长、秘书长、各位委员：');
  });
});
