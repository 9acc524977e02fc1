#!/usr/bin/env bash
# Run a VS Code extension's mocha integration tests inside the (node) extension
# host of a local code-server, driven headless by Debian chromium + playwright-core.
#
#   run-integration.sh <extension-dir> <tests-index.js> <workspace-folder>
#
# Env: CODE_SERVER (path to code-server bin), CHROMIUM (default /usr/bin/chromium),
#      TEST_TIMEOUT (seconds, default 300), KEEP_RUN_DIR=1 to keep logs.
# Any other env vars (e.g. flags for your test runner) reach the extension host,
# because code-server forks the extension host with its own environment.
# GONGWEN_INSTALL_VSIX=<file.vsix>: install that package into the run's extensions dir first
# GONGWEN_WORKSPACE_TRUST=1: keep workspace trust on, so the fresh profile opens the folder
#   untrusted (restricted mode); the startup trust prompt is switched off in the run's user
#   settings, so nothing answers it and the folder stays untrusted
# Exit code: 0 = all tests passed; 1 = test failures / runner error (from the
# extension host via window.codeAutomationExit); 2 = timeout; 3/4 = browser trouble;
# 5 = code-server did not come up.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -ge 3 ] || { echo "usage: $0 <extension-dir> <tests-index.js> <workspace-folder>" >&2; exit 64; }
EXT_DIR="$(realpath "$1")"
TESTS="$(realpath "$2")"
WORKSPACE="$(realpath "$3")"
# default: runner/ sits inside the npm project that has code-server installed
CODE_SERVER="${CODE_SERVER:-$HERE/../node_modules/.bin/code-server}"
[ -x "$CODE_SERVER" ] || { echo "[run-integration] no code-server at $CODE_SERVER (run test/host/setup.sh)" >&2; exit 5; }
TEST_TIMEOUT="${TEST_TIMEOUT:-300}"

# Keep RUN_DIR short: Unix socket paths are limited to 107 bytes, and chromium puts its
# SingletonSocket (and the extension host its vscode-ipc-*.sock) under TMPDIR inside it.
RUN_DIR="$(mktemp -d /tmp/vsit-XXXXXX)"
PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

# A throw-away HOME keeps code-server's config.yaml/coder-logs, the device id
# (~/.cache/Microsoft) and chromium's ~/.cache/dconf out of the real $HOME.
# Note: the extension host inherits this HOME (os.homedir()).
mkdir -p "$RUN_DIR/home" "$RUN_DIR/t"
TRUST_ARGS=(--disable-workspace-trust)
if [ "${GONGWEN_WORKSPACE_TRUST:-0}" = 1 ]; then
  TRUST_ARGS=()
  mkdir -p "$RUN_DIR/user-data/User"
  printf '{ "security.workspace.trust.startupPrompt": "never" }\n' >"$RUN_DIR/user-data/User/settings.json"
fi
if [ -n "${GONGWEN_INSTALL_VSIX:-}" ]; then
  echo "[run-integration] installing $GONGWEN_INSTALL_VSIX"
  TMPDIR="$RUN_DIR/t" HOME="$RUN_DIR/home" XDG_CONFIG_HOME="$RUN_DIR/home/.config" XDG_DATA_HOME="$RUN_DIR/home/.local/share" \
    "$CODE_SERVER" --user-data-dir "$RUN_DIR/user-data" --extensions-dir "$RUN_DIR/extensions" \
    --install-extension "$GONGWEN_INSTALL_VSIX" >"$RUN_DIR/install.log" 2>&1 \
    || { cat "$RUN_DIR/install.log"; echo "[run-integration] vsix install failed"; exit 6; }
fi
# TMPDIR: the extension host / git extension leave vscode-*.sock files in os.tmpdir().
# setsid: own process group, so cleanup also reaps the extension host it forks.
TMPDIR="$RUN_DIR/t" HOME="$RUN_DIR/home" XDG_CONFIG_HOME="$RUN_DIR/home/.config" XDG_DATA_HOME="$RUN_DIR/home/.local/share" \
  XDG_CACHE_HOME="$RUN_DIR/home/.cache" \
  setsid "$CODE_SERVER" --auth none --bind-addr "127.0.0.1:$PORT" \
    --disable-telemetry --disable-update-check ${TRUST_ARGS[@]+"${TRUST_ARGS[@]}"} \
    --disable-getting-started-override \
    --user-data-dir "$RUN_DIR/user-data" --extensions-dir "$RUN_DIR/extensions" \
    "$WORKSPACE" >"$RUN_DIR/code-server.log" 2>&1 &
CS_PID=$!
cleanup() {
  kill -TERM -- "-$CS_PID" 2>/dev/null   # whole group: code-server, its child, extension host(s), watchers
  for _ in $(seq 1 20); do pgrep -g "$CS_PID" >/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$CS_PID" 2>/dev/null; wait "$CS_PID" 2>/dev/null
  if [ "${KEEP_RUN_DIR:-0}" = 1 ]; then echo "[run-integration] logs kept in $RUN_DIR"; else rm -rf "$RUN_DIR"; fi
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  kill -0 "$CS_PID" 2>/dev/null || break
  sleep 0.5
done
if ! curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz"; then
  echo "[run-integration] code-server did not start:"; cat "$RUN_DIR/code-server.log"; exit 5
fi

mkdir -p "$RUN_DIR/browser-tmp"
HOME="$RUN_DIR/home" XDG_CACHE_HOME="$RUN_DIR/home/.cache" XDG_CONFIG_HOME="$RUN_DIR/home/.config" \
  TMPDIR="$RUN_DIR/browser-tmp" DRIVE_LOGS_DIR="$RUN_DIR/workbench-logs" \
  node "$HERE/drive.js" --url "http://127.0.0.1:$PORT" --folder "$WORKSPACE" \
    --ext "$EXT_DIR" --tests "$TESTS" --timeout "$TEST_TIMEOUT"
RC=$?
if [ "$RC" != 0 ]; then
  echo "[run-integration] --- code-server log (tail) ---"; tail -n 40 "$RUN_DIR/code-server.log"
fi
echo "[run-integration] exit code $RC"
exit "$RC"
