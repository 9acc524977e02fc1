import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import mammoth from 'mammoth';
import { tidyLines, toParagraphLines } from '../core/corpus/clean';
import { makeSpeech } from '../core/corpus/index';
import { extractMeta } from '../core/corpus/metadata';
import type { Speech } from '../core/corpus/types';
import { decodeBytes, DecodeError } from '../core/text/decode';
import { detectMojibake, isCommonChar } from '../core/text/repair';
import { writeFileAtomic } from './writeFile';

/**
 * The user's own corpus: folders of past speeches (.txt, .md, .docx), read with
 * encoding detection, cached on disk and refreshed incrementally (a file is
 * re-read only when its size or mtime changed, and re-extracted only when its
 * content hash changed). Asynchronous and cancellable: the editor never waits.
 */

export const CORPUS_EXTENSIONS = ['.txt', '.md', '.markdown', '.docx'];
/** Files above this size are skipped with a message (a .docx also holds its images). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Text files above this size are skipped with a message: 300 000 characters in any encoding fit in it. */
export const MAX_TEXT_FILE_BYTES = 2 * 1024 * 1024;
/**
 * An exemplar is one speech: a text longer than this (a yearbook, a collection)
 * is skipped with a message. It also bounds the work per file, which runs on
 * the extension host between two turns of its event loop (≈ 15–20 ms here).
 */
export const MAX_SPEECH_CHARS = 300_000;
/** A .docx whose parts would expand beyond this is refused (zip bomb). */
export const MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024;
const MAX_DOCX_RATIO = 200;

export interface FileProblem {
  file: string;
  message: string;
}

export class CorpusFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'CorpusFileError';
  }
}

/**
 * Checks that `bytes` are a zip archive whose entries do not expand beyond
 * `limit` bytes in all. The sizes declared in the central directory are checked
 * first (size, ratio); then every entry is really inflated with an output cap,
 * so an archive that lies about its sizes is caught before the .docx reader
 * inflates it.
 */
export function checkZip(bytes: Uint8Array, file: string, limit = MAX_DOCX_UNCOMPRESSED): void {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    throw new CorpusFileError(file, '不是有效的 .docx 文件（不是 zip 格式）');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new CorpusFileError(file, '.docx 文件已损坏（找不到 zip 目录）');
  }
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || at === 0xffffffff) {
    throw new CorpusFileError(file, '.docx 文件使用 zip64 格式，过大，不予读取');
  }
  const bomb = () => new CorpusFileError(file, `.docx 解压后超过 ${Math.round(limit / 1048576)} MB，疑为压缩炸弹，不予读取`);
  let declared = 0;
  let inflated = 0;
  for (let k = 0; k < entries; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) {
      throw new CorpusFileError(file, `.docx 文件已损坏（zip 目录第 ${k + 1} 项无效）`);
    }
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const local = view.getUint32(at + 42, true);
    declared += size;
    if (declared > limit) {
      throw bomb();
    }
    if (size > 1024 * 1024 && size / Math.max(1, compressed) > MAX_DOCX_RATIO) {
      throw new CorpusFileError(file, `.docx 中有压缩比异常的部件（${Math.round(size / Math.max(1, compressed))} 倍），疑为压缩炸弹，不予读取`);
    }
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) {
      throw new CorpusFileError(file, `.docx 文件已损坏（zip 第 ${k + 1} 项的本地头无效）`);
    }
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(dataStart, Math.min(bytes.length, dataStart + compressed));
    if (method === 0) {
      inflated += data.length;
    } else if (method === 8) {
      try {
        inflated += zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, limit - inflated) }).length;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
          throw bomb();
        }
        throw new CorpusFileError(file, `.docx 文件已损坏（zip 第 ${k + 1} 项无法解压）`);
      }
    } else {
      throw new CorpusFileError(file, `.docx 使用了不支持的压缩方式（${method}）`);
    }
    if (inflated > limit) {
      throw bomb();
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
}

/** Plain text of a .docx (paragraphs as lines). */
export async function readDocx(bytes: Uint8Array, file: string): Promise<string> {
  checkZip(bytes, file);
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return result.value;
  } catch (e) {
    throw new CorpusFileError(file, `.docx 无法读取：${(e as Error).message.split('\n')[0]}`);
  }
}

/**
 * Text of a .txt/.md file in whatever encoding it is in (UTF-8 ± BOM, UTF-16,
 * GB18030/GBK). Text that decodes but reads as mojibake is refused.
 */
export function readTextFile(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = decodeBytes(bytes).text;
  } catch (e) {
    if (e instanceof DecodeError) {
      throw new CorpusFileError(file, e.message);
    }
    throw e;
  }
  let controls = 0;
  for (let i = 0; i < Math.min(text.length, 20000); i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0x7f) {
      controls++;
    }
  }
  if (controls > Math.min(text.length, 20000) * 0.01) {
    throw new CorpusFileError(file, '不是文本文件（含有大量控制字符）');
  }
  const problem = mojibakeProblem(text);
  if (problem) {
    throw new CorpusFileError(file, problem);
  }
  return text;
}

/** Why decoded text looks like mojibake, or null. */
export function mojibakeProblem(text: string): string | null {
  const sample = text.slice(0, 20000);
  let han = 0;
  let common = 0;
  for (const ch of sample) {
    if (/[\u3400-\u9fff]/.test(ch)) {
      han++;
      if (han <= 3000 && isCommonChar(ch)) {
        common++;
      }
    }
  }
  const checked = Math.min(han, 3000);
  if (checked >= 50 && common / checked < 0.6) {
    return `文字大多是生僻字（常用字仅占 ${Math.round((common / checked) * 100)}%），疑为编码识别错误的乱码，未收入范文库`;
  }
  const damage = detectMojibake(sample).filter(s => s.kind !== 'pinyin-annotation');
  const damaged = damage.reduce((n, s) => n + s.end - s.start, 0);
  if (damage.length >= 5 && damaged > sample.length * 0.02) {
    return `含有 ${damage.length} 处乱码（错位的 GBK 字节、替换符或 UTF-8 被当作 Latin-1），未收入范文库`;
  }
  return null;
}

/** The speech in a file (metadata from its text; title falls back to the file name). */
export function speechFromFileText(text: string, file: string): Speech {
  const clean = toParagraphLines(tidyLines(text.replace(/^---\n[\s\S]*?\n---\n/, '')));
  const meta = extractMeta(clean);
  const id = 'u-' + createHash('sha1').update(path.resolve(file)).digest('hex').slice(0, 10);
  return makeSpeech(
    {
      id,
      title: meta.title ?? path.basename(file).replace(/\.[^.]+$/, ''),
      date: meta.date,
      occasion: meta.occasion,
      speaker: meta.speaker,
      source: file,
      chars: clean.length,
      outline: meta.outline,
    },
    clean,
  );
}

export async function readSpeechFile(file: string): Promise<{ speech: Speech; hash: string }> {
  const st = await fs.promises.stat(file);
  const docx = /\.docx$/i.test(file);
  const limit = docx ? MAX_FILE_BYTES : MAX_TEXT_FILE_BYTES;
  if (st.size > limit) {
    throw new CorpusFileError(file, `文件过大（${(st.size / 1048576).toFixed(1)} MB，上限 ${limit / 1048576} MB）：范文应是单篇讲话稿，请拆分后再放入`);
  }
  const bytes = await fs.promises.readFile(file);
  const hash = createHash('sha1').update(bytes).digest('hex');
  const text = docx ? await readDocx(bytes, file) : readTextFile(bytes, file);
  if (text.trim().length === 0) {
    throw new CorpusFileError(file, '文件没有文字内容');
  }
  if (text.length > MAX_SPEECH_CHARS) {
    throw new CorpusFileError(
      file,
      `文稿过长（${Math.round(text.length / 10_000)} 万字，上限 ${MAX_SPEECH_CHARS / 10_000} 万字）：范文应是单篇讲话稿，请拆分后再放入`,
    );
  }
  return { speech: speechFromFileText(text, file), hash };
}

/** Every corpus file under the folders (recursive; hidden folders and node_modules skipped). */
export async function listCorpusFiles(dirs: readonly string[], problems: FileProblem[], limit = 100_000): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (out.length >= limit || depth > 12) {
      return;
    }
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({ file: dir, message: code === 'ENOENT' ? '范文文件夹不存在' : code === 'ENOTDIR' ? '不是文件夹' : `无法读取文件夹：${(e as Error).message}` });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') {
        continue;
      }
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        await walk(p, depth + 1);
      } else if (e.isFile() && CORPUS_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) && !e.name.startsWith('~$')) {
        out.push(p);
        if (out.length >= limit) {
          problems.push({ file: dir, message: `文件过多，只收入前 ${limit} 个` });
          return;
        }
      }
    }
  };
  for (const d of dirs) {
    await walk(path.resolve(d), 0);
  }
  return out;
}

interface CacheEntry {
  size: number;
  mtimeMs: number;
  hash: string;
  speech?: Speech;
  error?: string;
}

interface CacheFile {
  version: 1;
  entries: Record<string, CacheEntry>;
}

export interface UserCorpusOptions {
  /** Folder for the cache file (extension global storage, CLI `--cache`); none = no cache. */
  cacheDir?: string;
  onProgress?: (done: number, total: number) => void;
  /** Checked between files; when true the build stops with `cancelled: true`. */
  isCancelled?: () => boolean;
  /**
   * How to read a new or changed file (default `readSpeechFile`, in this
   * thread): the extension reads them on a worker thread (decoding, cleaning,
   * and for a .docx unzipping and parsing, take from milliseconds to seconds).
   */
  readSpeech?: (file: string) => Promise<{ speech: Speech; hash: string }>;
}

export interface UserCorpus {
  speeches: Speech[];
  problems: FileProblem[];
  /** Files read (not served from the cache). */
  read: number;
  fromCache: number;
  cancelled: boolean;
}

const CACHE_FILE = 'gongwen-corpus-cache.json';

function loadCache(dir: string | undefined): CacheFile {
  if (!dir) {
    return { version: 1, entries: {} };
  }
  try {
    const c = JSON.parse(fs.readFileSync(path.join(dir, CACHE_FILE), 'utf8')) as CacheFile;
    if (c.version === 1 && c.entries && typeof c.entries === 'object') {
      return c;
    }
  } catch {
    // no cache yet, or an unreadable one: start afresh
  }
  return { version: 1, entries: {} };
}

const tick = () => new Promise<void>(resolve => setImmediate(resolve));

/** Reads the user's corpus folders, reusing the cache for unchanged files. */
export async function loadUserCorpus(dirs: readonly string[], options: UserCorpusOptions = {}): Promise<UserCorpus> {
  const problems: FileProblem[] = [];
  const files = await listCorpusFiles(dirs, problems);
  const cache = loadCache(options.cacheDir);
  const next: CacheFile = { version: 1, entries: {} };
  const speeches: Speech[] = [];
  let read = 0;
  let fromCache = 0;
  let cancelled = false;
  for (let i = 0; i < files.length; i++) {
    if (options.isCancelled?.()) {
      cancelled = true;
      break;
    }
    const file = files[i];
    const key = path.resolve(file);
    const old = cache.entries[key];
    try {
      const st = await fs.promises.stat(file);
      let entry: CacheEntry | undefined;
      if (old && old.size === st.size && old.mtimeMs === st.mtimeMs) {
        entry = old;
        fromCache++;
      } else {
        const bytes = await fs.promises.readFile(file);
        const hash = createHash('sha1').update(bytes).digest('hex');
        if (old && old.hash === hash) {
          entry = { ...old, size: st.size, mtimeMs: st.mtimeMs };
          fromCache++;
        } else {
          read++;
          try {
            const { speech } = await (options.readSpeech ?? readSpeechFile)(file);
            entry = { size: st.size, mtimeMs: st.mtimeMs, hash, speech };
          } catch (e) {
            if (!(e instanceof CorpusFileError)) {
              throw e;
            }
            entry = { size: st.size, mtimeMs: st.mtimeMs, hash, error: e.message };
          }
        }
      }
      next.entries[key] = entry;
      if (entry.speech) {
        speeches.push(makeSpeech(entry.speech, entry.speech.text));
      } else if (entry.error) {
        problems.push({ file, message: entry.error });
      }
    } catch (e) {
      problems.push({ file, message: `无法读取：${(e as Error).message}` });
    }
    if (i % 25 === 24) {
      options.onProgress?.(i + 1, files.length);
      await tick();
    }
  }
  options.onProgress?.(files.length, files.length);
  if (options.cacheDir && !cancelled) {
    try {
      fs.mkdirSync(options.cacheDir, { recursive: true });
      // Paragraphs are derived data: the cache keeps text and metadata only.
      const slim: CacheFile = { version: 1, entries: {} };
      for (const [k, v] of Object.entries(next.entries)) {
        slim.entries[k] = v.speech ? { ...v, speech: { ...v.speech, paragraphs: [] } } : v;
      }
      writeFileAtomic(path.join(options.cacheDir, CACHE_FILE), Buffer.from(JSON.stringify(slim), 'utf8'));
    } catch (e) {
      problems.push({ file: options.cacheDir, message: `无法写入范文库缓存：${(e as Error).message}` });
    }
  }
  return { speeches, problems, read, fromCache, cancelled };
}
