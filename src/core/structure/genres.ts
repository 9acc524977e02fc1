import { yamlToJs } from '../text/yaml';
import Ajv, { type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import schema from '../../../data/schema/genre.schema.json';
import type { Outline, SpeechOutline } from './types';

/**
 * Genre profiles (data/genres/*.yaml): which parts a speech of a genre is
 * expected to have. Loaded by the front ends (src/node/genres.ts) and handed
 * to the core through `setGenreProfiles`; the structure detectors read them.
 */

export interface GenreProfile {
  id: string;
  /** Chinese name, e.g. `工作会议讲话`. */
  name: string;
  description?: string;
  /** The profile used when nothing else chooses one. Exactly one profile is the default. */
  default?: boolean;
  /** Title patterns (regular expressions) that select this genre when the document does not name one. */
  match?: string[];
  requires: {
    titleBlock?: boolean;
    salutation?: boolean;
    openingPurpose?: boolean;
    announcement?: boolean;
    closing?: boolean;
  };
  /** Expected salutation: at least one of these words must be in it (e.g. `各位代表` for a 人代会). */
  salutation?: string[];
  /** Expected wording in the opening (e.g. `开幕` / `闭幕`); any one suffices. */
  openingWords?: string[];
}

export class GenreRegistry {
  private profiles: GenreProfile[] = [];
  private compiled: Array<{ profile: GenreProfile; patterns: RegExp[] }> = [];

  set(profiles: readonly GenreProfile[]): void {
    this.profiles = [...profiles];
    this.compiled = this.profiles.map(profile => ({
      profile,
      patterns: (profile.match ?? []).map(p => new RegExp(p, 'u')),
    }));
  }

  list(): readonly GenreProfile[] {
    return this.profiles;
  }

  get(id: string): GenreProfile | undefined {
    return this.profiles.find(p => p.id === id);
  }

  get defaultProfile(): GenreProfile | undefined {
    return this.profiles.find(p => p.default) ?? this.profiles[0];
  }

  /**
   * The profile for one speech: the document's own choice (front matter or
   * comment), else the caller's (CLI `--genre`, setting `gongwen.genre`), else
   * the first profile whose title pattern matches, else the default.
   */
  resolve(outline: Outline, speech: SpeechOutline, chosen: string | undefined): GenreProfile | undefined {
    const id = outline.genre ?? chosen;
    if (id) {
      const p = this.get(id);
      if (p) {
        return p;
      }
    }
    const title = [speech.titleBlock?.title, speech.titleBlock?.subtitle, speech.opening?.text].filter(Boolean).join('\n');
    if (title) {
      for (const { profile, patterns } of this.compiled) {
        if (patterns.some(re => re.test(title))) {
          return profile;
        }
      }
    }
    return this.defaultProfile;
  }
}

/** The registry the structure detectors consult; the composition root fills it from data/genres. */
export const genreRegistry = new GenreRegistry();

export function setGenreProfiles(profiles: readonly GenreProfile[]): void {
  genreRegistry.set(profiles);
}

/** A problem in a genre file, located (one-based line and column; 0 when unknown). */
export interface GenreIssue {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

let validator: ValidateFunction | undefined;

/** Parses and validates one genre profile (YAML text of data/genres/*.yaml). */
export function parseGenreProfile(text: string, file: string): { profile: GenreProfile | null; issues: GenreIssue[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const at = (offset: number | undefined) => {
    if (offset === undefined) {
      return { line: 0, column: 0 };
    }
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return { profile: null, issues: [{ file, ...at(e.pos[0]), message: `YAML 语法错误：${e.message.split('\n')[0]}`, severity: 'error' }] };
  }
  const js = yamlToJs(doc);
  if ('error' in js) {
    return { profile: null, issues: [{ file, ...at(js.offset), message: js.error, severity: 'error' }] };
  }
  const data: unknown = js.data;
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (!validator(data)) {
    const issues = (validator.errors ?? []).map((e): GenreIssue => {
      const pathParts = e.instancePath.split('/').filter(Boolean);
      const node = pathParts.length ? doc.getIn(pathParts, true) : doc.contents;
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      const where = e.instancePath || '（根）';
      const extra = e.keyword === 'additionalProperties' ? `：未知字段“${(e.params as { additionalProperty: string }).additionalProperty}”` : '';
      return { file, ...at(range?.[0]), message: `体裁配置 ${where} ${e.message ?? '不符合格式'}${extra}`, severity: 'error' };
    });
    return { profile: null, issues };
  }
  const profile = data as GenreProfile;
  for (const p of profile.match ?? []) {
    try {
      new RegExp(p, 'u');
    } catch (e) {
      return { profile: null, issues: [{ file, line: 0, column: 0, message: `体裁 ${profile.id} 的 match 正则表达式无效：${(e as Error).message}`, severity: 'error' }] };
    }
  }
  return { profile, issues: [] };
}

/** Checks a set of profiles together: unique ids, exactly one default. */
export function checkGenreSet(profiles: readonly { profile: GenreProfile; file: string }[]): GenreIssue[] {
  const issues: GenreIssue[] = [];
  const seen = new Map<string, string>();
  for (const { profile, file } of profiles) {
    const prev = seen.get(profile.id);
    if (prev) {
      issues.push({ file, line: 0, column: 0, message: `体裁 id “${profile.id}” 重复（已在 ${prev} 中定义）`, severity: 'error' });
    }
    seen.set(profile.id, file);
  }
  const defaults = profiles.filter(p => p.profile.default);
  if (profiles.length > 0 && defaults.length !== 1) {
    issues.push({
      file: defaults[1]?.file ?? profiles[0].file,
      line: 0,
      column: 0,
      message: defaults.length === 0 ? '没有默认体裁（应有一个体裁设 default: true）' : `默认体裁不止一个：${defaults.map(d => d.profile.id).join('、')}`,
      severity: 'warning',
    });
  }
  return issues;
}
