/**
 * Real speeches for the comparison tests: the seed pages split into their
 * speeches by the structure parser, plus a small in-memory corpus over them.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ExemplarIndex, ExemplarSpeech } from '../../src/core/compare/panel';
import { cosine, profileOf } from '../../src/core/compare/text';
import { parseOutline } from '../../src/core/structure/parse';

const SEEDS = path.join(__dirname, '..', 'fixtures', 'seeds');

let cached: ExemplarSpeech[] | undefined;

/** Every speech of at least 800 characters on the seed pages, in file order. */
export function seedSpeeches(): ExemplarSpeech[] {
  if (cached) {
    return cached;
  }
  const out: ExemplarSpeech[] = [];
  for (const file of fs.readdirSync(SEEDS).sort()) {
    const text = fs.readFileSync(path.join(SEEDS, file), 'utf8');
    parseOutline(text).speeches.forEach((s, k) => {
      const body = text.slice(s.start, s.end).trim();
      if (body.length >= 800) {
        out.push({
          id: `${file.slice(0, 3)}-${k + 1}`,
          title: s.titleBlock?.title ?? body.slice(0, 20),
          date: s.titleBlock?.date ?? null,
          occasion: null,
          speaker: null,
          source: file,
          text: body,
        });
      }
    });
  }
  cached = out;
  return out;
}

/** The first seed speech whose text contains `needle`. */
export function seedSpeechWith(needle: string): ExemplarSpeech {
  const s = seedSpeeches().find(x => x.text.includes(needle));
  if (!s) {
    throw new Error(`no seed speech contains ${needle}`);
  }
  return s;
}

/** A brute-force similarity index over `speeches` (bigram cosine), for tests. */
export function memoryIndex(speeches: ExemplarSpeech[]): ExemplarIndex & { searches: number } {
  const profiles = new Map(speeches.map(s => [s.id, profileOf(s.text)]));
  const index = {
    searches: 0,
    speeches,
    get: (id: string) => speeches.find(s => s.id === id),
    search(text: string, options: { top?: number; exclude?: ReadonlySet<string> }) {
      index.searches++;
      const q = profileOf(text);
      return speeches
        .filter(s => !options.exclude?.has(s.id))
        .map(s => ({ speech: s, score: cosine(q, profiles.get(s.id)!) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, options.top ?? 10);
    },
  };
  return index;
}
