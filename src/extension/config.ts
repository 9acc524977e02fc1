import * as vscode from 'vscode';
import type { RuleConfig } from '../core/check';
import { parseIsoDate } from '../core/date';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../core/types';

/** The `gongwen.*` settings as the extension uses them (resource-scoped where it matters). */
export interface GongwenSettings {
  languages: string[];
  run: 'onType' | 'onSave';
  debounceMs: number;
  documentDate: string | undefined;
  genre: string | undefined;
  rules: RuleConfig;
  maxDocumentChars: number;
}

export function readSettings(scope?: vscode.ConfigurationScope): GongwenSettings {
  const c = vscode.workspace.getConfiguration('gongwen', scope);
  const disabled = c.get<string[]>('rules.disabled', []) ?? [];
  const severityRaw = c.get<Record<string, string>>('rules.severity', {}) ?? {};
  const severity: Record<string, Severity | 'off'> = {};
  for (const [k, v] of Object.entries(severityRaw)) {
    if (v === 'off' || (SEVERITIES as readonly string[]).includes(v)) {
      severity[k] = v as Severity | 'off';
    }
  }
  const dateSetting = (c.get<string>('documentDate', '') ?? '').trim();
  return {
    languages: c.get<string[]>('languages', ['plaintext', 'markdown']) ?? ['plaintext', 'markdown'],
    run: c.get<'onType' | 'onSave'>('run', 'onType') === 'onSave' ? 'onSave' : 'onType',
    debounceMs: Math.max(0, Math.min(5000, c.get<number>('debounceMs', 300) ?? 300)),
    documentDate: dateSetting ? (parseIsoDate(dateSetting) ?? undefined) : undefined,
    genre: (c.get<string>('genre', '') ?? '').trim() || undefined,
    rules: {
      disabledRules: disabled.filter(d => !(CATEGORIES as readonly string[]).includes(d)),
      disabledCategories: disabled.filter((d): d is Category => (CATEGORIES as readonly string[]).includes(d)),
      severity,
    },
    maxDocumentChars: Math.max(10_000, c.get<number>('maxDocumentChars', 20_000_000) ?? 20_000_000),
  };
}
