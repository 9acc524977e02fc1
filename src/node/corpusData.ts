import * as fs from 'fs';
import * as path from 'path';
import { parseResidueList, setResidueList, type ResidueEntry, type ResidueParseResult } from '../core/corpus/residue';
import { parseDataFile, type DataCache } from './dataCache';
import type { Speech } from '../core/corpus/types';
import { readCorpus } from './corpusStore';
import type { LoadIssue } from './services';

/** Reads data/residue.yaml; problems are located issues, never exceptions. `cache`: the parsed built-in file from the build. */
export function loadResidueList(dataDir: string, cache?: DataCache): { entries: ResidueEntry[]; issues: LoadIssue[] } {
  const file = path.join(dataDir, 'residue.yaml');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { entries: [], issues: [{ file, line: 0, column: 0, message: `无法读取残留清单：${(e as Error).message}`, severity: 'error' }] };
  }
  const { entries, issues } = parseDataFile<ResidueParseResult>(cache, file, bytes, parseResidueList);
  return { entries, issues };
}

/** Loads the residue list and installs it for the `residue` detector. */
export function installResidueList(dataDir: string, cache?: DataCache): LoadIssue[] {
  const { entries, issues } = loadResidueList(dataDir, cache);
  setResidueList(entries);
  return issues;
}

/** The built-in exemplar corpus (data/corpus/). */
export function loadBuiltinCorpus(dataDir: string): { speeches: Speech[]; issues: LoadIssue[] } {
  return readCorpus(path.join(dataDir, 'corpus'));
}
