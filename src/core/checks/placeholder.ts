import type { Checker } from '../check';
import { detectPlaceholders } from '../detectors/placeholder';
import type { Finding } from '../types';

/** The placeholder check of the foundation slice (rule id `placeholder`). */
export const placeholderChecker: Checker = {
  id: 'placeholder',
  check(doc) {
    return detectPlaceholders(doc).map(
      (m): Finding => ({
        ruleId: 'placeholder',
        category: 'placeholder',
        severity: m.severity ?? 'warning',
        message: `占位符“${m.detail ?? doc.text.slice(m.start, m.end)}”尚未替换为实际内容`,
        start: m.start,
        end: m.end,
        fixes: m.fixes ?? [],
      }),
    );
  },
};
