import type { CheckResult } from './check';
import { LineIndex } from './text/lineIndex';
import type { Diagnostic, Finding, IsoDate, OffsetFix } from './types';

/** Whether `fix` is listed here for the first time (it is recorded as listed). */
function firstListing(listed: Set<OffsetFix>, fix: OffsetFix): boolean {
  if (listed.has(fix)) {
    return false;
  }
  listed.add(fix);
  return true;
}

/** Offsets → the JSON contract's zero-based line/UTF-16 character ranges. */
export function toDiagnostic(f: Finding, lines: LineIndex, listed?: Set<OffsetFix>): Diagnostic {
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    message: f.message,
    range: lines.rangeOf(f.start, f.end),
    fixes: (listed ? f.fixes.filter(fix => firstListing(listed, fix)) : f.fixes).map(fix => ({
      title: fix.title,
      edits: fix.edits.map(e => ({ range: lines.rangeOf(e.start, e.end), newText: e.newText })),
    })),
  };
}

export interface FileReport {
  path: string;
  documentDate: IsoDate | null;
  diagnostics: Diagnostic[];
}

export interface JsonReport {
  version: 1;
  date: IsoDate;
  files: FileReport[];
}

/**
 * A file's diagnostics. A fix that several findings share (renumbering a
 * whole level, offered on each wrong number of it) is listed once, with the
 * first of them: listed with each, a level of n wrong numbers gave n × n
 * edits (a long text whose headings had all become `1.` made hundreds of
 * megabytes of JSON).
 */
export function fileReport(path: string, text: string, result: CheckResult, lines = new LineIndex(text)): FileReport {
  const listed = new Set<OffsetFix>();
  return { path, documentDate: result.documentDate, diagnostics: result.findings.map(f => toDiagnostic(f, lines, listed)) };
}

/** Exactly the contract's key order: version, date, files[path, documentDate, diagnostics[…]]. */
export function jsonReport(date: IsoDate, files: FileReport[]): JsonReport {
  return { version: 1, date, files };
}

/** `path:line:col severity message [ruleId]`, one-based line and column for terminals and editors. */
export function textReport(files: FileReport[]): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const d of file.diagnostics) {
      lines.push(`${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.message} [${d.ruleId}]`);
    }
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

export function summaryLine(files: FileReport[]): string {
  const count = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of files) {
    for (const d of f.diagnostics) {
      count[d.severity]++;
    }
  }
  const total = count.error + count.warning + count.info + count.hint;
  return `${files.length} 个文件，${total} 处问题（错误 ${count.error}，警告 ${count.warning}，提示 ${count.info + count.hint}）`;
}

/** What a rule says about itself: for hover, the rule's documentation page and SARIF. */
export interface RuleHelp {
  id: string;
  category: string;
  severity?: string;
  message?: string;
  /** One line. */
  description?: string;
  /** Longer Chinese explanation. */
  explanation?: string;
  /** Where the rule comes from (law, standard, document, with its date). */
  source?: string;
  /** Validity window: the rule applies to documents dated on/after `since` and before `until`. */
  since?: string;
  until?: string;
  /** The file the rule was loaded from (pack). */
  pack?: string;
  helpUri?: string;
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

/**
 * SARIF 2.1.0 for standard viewers (GitHub code scanning, the SARIF viewer
 * extension). Regions are one-based; columns count UTF-16 code units.
 */
export function sarifReport(files: FileReport[], rules: ReadonlyMap<string, RuleHelp>, toolVersion: string): object {
  const used = new Map<string, number>();
  const ruleList: object[] = [];
  for (const f of files) {
    for (const d of f.diagnostics) {
      if (!used.has(d.ruleId)) {
        used.set(d.ruleId, ruleList.length);
        const help = rules.get(d.ruleId);
        const window = help?.since || help?.until ? `适用时间：${help?.since ? `${help.since} 起` : ''}${help?.until ? ` ${help.until} 前` : ''}（按文稿日期判断）` : '';
        const helpText = [help?.explanation, window, help?.source ? `依据：${help.source}` : ''].filter(Boolean).join('\n');
        ruleList.push({
          id: d.ruleId,
          name: d.ruleId,
          shortDescription: { text: help?.description ?? d.ruleId },
          ...(help?.explanation ? { fullDescription: { text: help.explanation } } : {}),
          ...(helpText ? { help: { text: helpText, markdown: helpText.replace(/\n/g, '\n\n') } } : {}),
          ...(help?.severity ? { defaultConfiguration: { level: SARIF_LEVEL[help.severity as keyof typeof SARIF_LEVEL] ?? 'warning' } } : {}),
          ...(help?.helpUri ? { helpUri: help.helpUri } : {}),
          properties: { category: d.category },
        });
      }
    }
  }
  const region = (r: Diagnostic['range']) => ({
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gongwen',
            fullName: '公文写作助手 (Gongwen)',
            version: toolVersion,
            informationUri: 'https://example.invalid/gongwen',
            rules: ruleList,
          },
        },
        columnKind: 'utf16CodeUnits',
        results: files.flatMap(f =>
          f.diagnostics.map(d => ({
            ruleId: d.ruleId,
            ruleIndex: used.get(d.ruleId),
            level: SARIF_LEVEL[d.severity],
            message: { text: d.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: toSarifUri(f.path) }, region: region(d.range) } }],
            ...(d.fixes.length
              ? {
                  fixes: d.fixes.map(fix => ({
                    description: { text: fix.title },
                    artifactChanges: [
                      {
                        artifactLocation: { uri: toSarifUri(f.path) },
                        replacements: fix.edits.map(e => ({
                          deletedRegion: region(e.range),
                          insertedContent: { text: e.newText },
                        })),
                      },
                    ],
                  })),
                }
              : {}),
            properties: { category: d.category },
          })),
        ),
      },
    ],
  };
}

/** A file URI for absolute paths (POSIX or Windows), a relative URI reference otherwise. */
function toSarifUri(p: string): string {
  const enc = (segments: string[]) => segments.map(seg => encodeURIComponent(seg)).join('/');
  if (/^[A-Za-z]:[\\/]/.test(p)) {
    return `file:///${p[0]}:/${enc(p.slice(3).split(/[\\/]/))}`;
  }
  if (p.startsWith('/')) {
    return `file://${enc(p.split('/'))}`;
  }
  return enc(p.split(/[\\/]/));
}
