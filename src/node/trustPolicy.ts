import * as path from 'path';

/**
 * Which configured folders and files may be used, given workspace trust.
 *
 * In a trusted workspace every configured path is used. In an untrusted
 * (restricted) workspace nothing the workspace itself supplies is used: no
 * rule packs or corpus folders inside a workspace folder, and no relative
 * paths (they are resolved against the workspace). Paths from the user's own
 * settings that lie outside every workspace folder stay usable: the user put
 * them there, the workspace did not. (Workspace-level values of these
 * settings never reach this point in restricted mode: VS Code drops them, see
 * `capabilities.untrustedWorkspaces.restrictedConfigurations`.)
 */
export interface TrustContext {
  trusted: boolean;
  /** Absolute paths of the open workspace folders. */
  workspaceFolders: readonly string[];
  /** Compare paths case-insensitively (Windows, macOS default volumes). */
  caseInsensitive?: boolean;
}

export interface BlockedPath {
  path: string;
  /** Chinese, for the output channel and notifications. */
  reason: string;
}

export interface PathDecision {
  allowed: string[];
  blocked: BlockedPath[];
}

/** Whether `child` is `parent` or lies inside it. */
export function isInside(child: string, parent: string, caseInsensitive = false): boolean {
  const norm = (p: string) => {
    const r = path.resolve(p);
    return caseInsensitive ? r.toLowerCase() : r;
  };
  const c = norm(child);
  const p = norm(parent);
  if (c === p) {
    return true;
  }
  const rel = path.relative(p, c);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Splits configured paths into the ones that may be used and the ones that may not (with the reason). */
export function decidePaths(paths: readonly string[], ctx: TrustContext): PathDecision {
  const allowed: string[] = [];
  const blocked: BlockedPath[] = [];
  const base = ctx.workspaceFolders[0];
  for (const raw of paths) {
    if (typeof raw !== 'string' || raw.trim() === '' || raw.includes('\0')) {
      blocked.push({ path: String(raw), reason: '路径为空或含有非法字符' });
      continue;
    }
    const p = raw.trim();
    if (ctx.trusted) {
      allowed.push(path.isAbsolute(p) || !base ? path.resolve(p) : path.resolve(base, p));
      continue;
    }
    if (!path.isAbsolute(p)) {
      blocked.push({ path: p, reason: '受限模式（工作区未被信任）下不使用相对于工作区的路径' });
      continue;
    }
    const inside = ctx.workspaceFolders.find(f => isInside(p, f, ctx.caseInsensitive));
    if (inside) {
      blocked.push({ path: p, reason: `受限模式（工作区未被信任）下不使用工作区 ${inside} 中的规则包或语料` });
      continue;
    }
    allowed.push(path.resolve(p));
  }
  return { allowed, blocked };
}

/**
 * The value of a path-list setting that may be used: in restricted mode only
 * the user's own (global) value counts, whatever the workspace says.
 */
export function trustedSettingValue<T>(
  inspected: { defaultValue?: T; globalValue?: T; workspaceValue?: T; workspaceFolderValue?: T } | undefined,
  trusted: boolean,
): T | undefined {
  if (!inspected) {
    return undefined;
  }
  if (trusted) {
    return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue ?? inspected.defaultValue;
  }
  return inspected.globalValue ?? inspected.defaultValue;
}
