import * as fs from 'fs';
import * as path from 'path';
import type { IngestSummary } from '../core/corpus/ingest';
import { makeSpeech } from '../core/corpus/index';
import type { Speech, SpeechMeta } from '../core/corpus/types';
import type { LoadIssue } from './services';
import { writeFileAtomic } from './writeFile';

/**
 * The built corpus on disk (data/corpus/): `manifest.json` with every speech's
 * metadata (and the build summary), and one text file per speech under
 * `speeches/<id>.txt` — plain text, one paragraph per line, friendly to diffs.
 */
export interface CorpusManifest {
  version: 1;
  description: string;
  sources: string[];
  summary: Omit<IngestSummary, 'unrecoverable'> & { unrecoverable: Array<{ source: string; original: string; replacement: string; context?: string }> };
  speeches: Array<SpeechMeta & { file: string }>;
}

export const MANIFEST = 'manifest.json';

/** The speech files (names under speeches/) that the manifest in `dir` says an earlier build wrote. */
function previousBuildFiles(dir: string): string[] {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Partial<CorpusManifest>;
    if (m?.version !== 1 || !Array.isArray(m.speeches)) {
      return [];
    }
    return m.speeches
      .map(s => (typeof s?.file === 'string' ? s.file : ''))
      .filter(f => /^speeches\/[^/\\]+\.txt$/.test(f))
      .map(f => f.slice('speeches/'.length));
  } catch {
    return [];
  }
}

export function writeCorpus(dir: string, speeches: readonly Speech[], summary: IngestSummary, sources: string[]): void {
  const textDir = path.join(dir, 'speeches');
  fs.mkdirSync(textDir, { recursive: true });
  // Speech files an earlier build wrote (listed in its manifest) that are gone now.
  // Files the manifest does not list are the user's: never deleted.
  const keep = new Set(speeches.map(s => `${s.id}.txt`));
  for (const name of previousBuildFiles(dir)) {
    if (!keep.has(name)) {
      fs.rmSync(path.join(textDir, name), { force: true });
    }
  }
  for (const s of speeches) {
    writeFileAtomic(path.join(textDir, `${s.id}.txt`), Buffer.from(s.text + '\n', 'utf8'));
  }
  const manifest: CorpusManifest = {
    version: 1,
    description: '内置范文库：由 test/fixtures/seeds/ 中的网页抓取文本经 gongwen corpus build 清洗、拆分、去重而成',
    sources,
    summary: {
      ...summary,
      unrecoverable: summary.unrecoverable.map(u => ({ source: u.source, original: u.original, replacement: u.replacement, context: u.context })),
    },
    speeches: speeches.map(s => ({
      id: s.id,
      title: s.title,
      date: s.date,
      occasion: s.occasion,
      speaker: s.speaker,
      source: s.source,
      chars: s.chars,
      file: `speeches/${s.id}.txt`,
      outline: s.outline,
      ...(s.repairs ? { repairs: s.repairs } : {}),
    })),
  };
  writeFileAtomic(path.join(dir, MANIFEST), Buffer.from(JSON.stringify(manifest, null, 1) + '\n', 'utf8'));
}

function isMeta(x: unknown): x is SpeechMeta & { file: string } {
  const o = x as Record<string, unknown>;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.id === 'string' &&
    typeof o.title === 'string' &&
    typeof o.file === 'string' &&
    typeof o.source === 'string' &&
    (o.date === null || typeof o.date === 'string') &&
    Array.isArray(o.outline)
  );
}

/** Reads a built corpus; a missing or broken manifest or text file is a located issue. */
export function readCorpus(dir: string): { speeches: Speech[]; issues: LoadIssue[] } {
  const file = path.join(dir, MANIFEST);
  const issues: LoadIssue[] = [];
  let manifest: CorpusManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as CorpusManifest;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    issues.push({ file, line: 0, column: 0, message: code === 'ENOENT' ? `范文库清单不存在：${file}` : `范文库清单无法读取：${(e as Error).message}`, severity: 'error' });
    return { speeches: [], issues };
  }
  if (manifest?.version !== 1 || !Array.isArray(manifest.speeches)) {
    issues.push({ file, line: 0, column: 0, message: '范文库清单格式不对（应有 version: 1 和 speeches 列表）', severity: 'error' });
    return { speeches: [], issues };
  }
  const speeches: Speech[] = [];
  manifest.speeches.forEach((m, i) => {
    if (!isMeta(m)) {
      issues.push({ file, line: 0, column: 0, message: `范文库清单第 ${i + 1} 篇缺少 id/title/file/source/date/outline`, severity: 'error' });
      return;
    }
    const textFile = path.resolve(dir, m.file);
    if (!textFile.startsWith(path.resolve(dir) + path.sep)) {
      issues.push({ file, line: 0, column: 0, message: `范文 ${m.id} 的文件路径越出范文库目录：${m.file}`, severity: 'error' });
      return;
    }
    try {
      const text = fs.readFileSync(textFile, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\n+$/, '');
      const { file: _file, ...meta } = m;
      speeches.push(makeSpeech(meta, text));
    } catch (e) {
      issues.push({ file: textFile, line: 0, column: 0, message: `范文 ${m.id} 的正文无法读取：${(e as Error).message}`, severity: 'error' });
    }
  });
  return { speeches, issues };
}
