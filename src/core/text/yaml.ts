import type { Document } from 'yaml';

/**
 * `doc.toJS()` that never throws: an alias without its anchor, or an alias
 * bomb (billions of laughs), becomes a located Chinese message instead of an
 * exception that would take the whole loader down.
 */
export function yamlToJs(doc: Document, maxAliasCount = 100): { data: unknown } | { error: string; offset: number } {
  try {
    return { data: doc.toJS({ maxAliasCount }) as unknown };
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    const offset = (doc.contents as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
    if (/alias/i.test(msg) && /excessive|count/i.test(msg)) {
      return { error: `YAML 别名展开过多（超过 ${maxAliasCount} 次），拒绝加载（疑似“别名炸弹”）`, offset };
    }
    if (/alias/i.test(msg)) {
      return { error: `YAML 别名找不到对应的锚点（&名称 必须写在 *名称 之前）：${msg.split('\n')[0]}`, offset };
    }
    return { error: `YAML 内容无法解析：${msg.split('\n')[0]}`, offset };
  }
}
