#!/usr/bin/env bash
# Installs the integration-test host: Debian chromium + ripgrep (when root and missing),
# then code-server 4.100.3 (the real VS Code 1.100.3) into test/host/node_modules.
# Idempotent: does nothing when everything is already there.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RG_PKG=1.15.11                                            # @vscode/ripgrep pinned by code-server 4.100.3
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
CS_BIN="$HERE/node_modules/.bin/code-server"

need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
[ -f /usr/include/krb5.h ] || [ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[host] apt-get install ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "[host] missing system packages: ${need_apt[*]} (install them, e.g. apt-get install ${need_apt[*]})" >&2
    exit 1
  fi
fi

if [ -x "$CS_BIN" ] && [ -x "$HERE/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]; then
  exit 0
fi

echo "[host] installing code-server 4.100.3 + playwright-core into test/host (about 90 s, compiles native modules)"
TMP_SEED="$(mktemp -d /tmp/gw-host-XXXXXX)"
trap 'rm -rf "$TMP_SEED"' EXIT
# @vscode/ripgrep's postinstall would download rg from GitHub; it first looks for this cached asset in os.tmpdir().
mkdir -p "$TMP_SEED/vscode-ripgrep-cache-$RG_PKG" "$TMP_SEED/rgseed"
cp "$(command -v rg)" "$TMP_SEED/rgseed/rg"
tar czf "$TMP_SEED/vscode-ripgrep-cache-$RG_PKG/$RG_ASSET" -C "$TMP_SEED/rgseed" rg
export npm_config_nodedir=/usr npm_config_yes=true npm_config_unsafe_perm=true npm_config_loglevel=warn
(cd "$HERE" && TMPDIR="$TMP_SEED" npm install --no-audit --no-fund --no-save >"$TMP_SEED/install.log" 2>&1) \
  || { tail -40 "$TMP_SEED/install.log" >&2; echo "[host] code-server install failed" >&2; exit 1; }
[ -x "$HERE/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] \
  || { echo "[host] @vscode/ripgrep has no bin/rg (cache seed name/version mismatch?)" >&2; exit 1; }
echo "[host] ready"
