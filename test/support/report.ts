import * as assert from 'assert';
import * as path from 'path';
import { DocContext } from '../../src/core/document';
import { parseOutline } from '../../src/core/structure';
import { GenreRegistry } from '../../src/core/structure/genres';
import { detectMissingParts } from '../../src/core/structure/diagnose';
import type { Outline } from '../../src/core/structure/types';
import { loadGenreProfiles } from '../../src/node/genres';

/**
 * Asserts that `text` reads as a report to a standing committee: the chair-first
 * salutation, the closing `以上报告，请予审议。`, the genre `npc-report`, the
 * document date `date` (from its subtitle) and no missing part. Returns the outline.
 */
export function assertStandingCommitteeReport(text: string, date: string): Outline {
  const outline = parseOutline(text);
  assert.strictEqual(outline.salutation?.text, '主任、各位副主任、秘书长、各位委员：');
  assert.strictEqual(outline.closing?.text, '以上报告，请予审议。');
  const registry = new GenreRegistry();
  registry.set(loadGenreProfiles(path.join(__dirname, '..', '..', 'data')).profiles);
  assert.strictEqual(registry.resolve(outline, outline.speeches[0], undefined)?.id, 'npc-report');
  // Judged on a later day: the date comes from the document.
  const doc = new DocContext(text, { date: '2099-12-31' });
  assert.strictEqual(doc.documentDate, date);
  assert.deepStrictEqual(detectMissingParts(doc, {}, registry), []);
  return outline;
}
