#!/usr/bin/env bash
# Installs what the VS Code tests need into the git-ignored .vscode-test/ folder:
#   - Debian packages (only the missing ones): libkrb5-dev pkg-config ripgrep chromium
#     and a CJK font (fonts-wqy-microhei) so the screenshots show Chinese text;
#   - code-server@4.100.3 (VS Code 1.100.3) from npm, installed without its
#     install scripts (they download ripgrep from the internet), with the native
#     modules rebuilt locally.
# Idempotent: once done, a marker file makes it a no-op. Non-interactive; runs as
# root (or with passwordless sudo for apt-get). See /work/shared/vscode-in-ci.md.
#
# Environment:
#   CODE_SERVER_VERSION   default 4.100.3
#   VSCODE_TEST_DIR       default <repo>/.vscode-test
#   SKIP_APT=1            do not touch Debian packages
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
BASE="${VSCODE_TEST_DIR:-$ROOT/.vscode-test}"
TOOL="$BASE/code-server-$VERSION"
MARKER="$TOOL/.setup-complete"
export CI="${CI:-true}" DEBIAN_FRONTEND=noninteractive npm_config_yes=true
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

log() { printf '[setup-code-server] %s\n' "$*" >&2; }

if [[ -f "$MARKER" ]] && node "$TOOL/node_modules/code-server/out/node/entry.js" --version >/dev/null 2>&1; then
  log "already set up in $TOOL"
  exit 0
fi

start=$(date +%s)

# 1. Debian packages, only the missing ones.
if [[ "${SKIP_APT:-}" != 1 ]]; then
  want=(libkrb5-dev pkg-config ripgrep chromium fonts-wqy-microhei)
  missing=()
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    SUDO=()
    if [[ $(id -u) != 0 ]]; then
      command -v sudo >/dev/null || { log "need root to install: ${missing[*]}"; exit 1; }
      SUDO=(sudo -n)
    fi
    log "apt-get install ${missing[*]}"
    "${SUDO[@]}" apt-get update -q </dev/null
    "${SUDO[@]}" apt-get install -y -q "${missing[@]}" </dev/null
  fi
fi
for cmd in rg chromium; do command -v "$cmd" >/dev/null || { log "missing $cmd"; exit 1; }; done

# 2. code-server from npm, without install scripts.
mkdir -p "$TOOL"
cd "$TOOL"
[[ -f package.json ]] || printf '{ "name": "vscode-test-tools", "private": true }\n' > package.json
log "npm install code-server@$VERSION"
npm install --ignore-scripts --loglevel=error "code-server@$VERSION" </dev/null

CS="$TOOL/node_modules/code-server"
VS="$CS/lib/vscode"
cd "$VS"
log "npm install in lib/vscode"
npm install --omit=dev --ignore-scripts --loglevel=error </dev/null
log "npm rebuild native modules"
# node-pty's own post-install step may fail after pty.node is built; check the binary instead.
npm rebuild kerberos @parcel/watcher node-pty @vscode/spdlog native-watchdog @vscode/deviceid --loglevel=error </dev/null \
  || log "npm rebuild returned non-zero (expected for node-pty); checking the binaries"
for f in node_modules/node-pty/build/Release/pty.node node_modules/@vscode/spdlog/build/Release/spdlog.node \
         node_modules/kerberos/build/Release/kerberos.node; do
  [[ -f "$f" ]] || { log "missing native module $f"; exit 1; }
done
mkdir -p node_modules/@vscode/ripgrep/bin
cp -f "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
log "npm install in lib/vscode/extensions"
(cd extensions && npm install --omit=dev --ignore-scripts --loglevel=error </dev/null)

cd "$TOOL"
log "npm rebuild argon2"
npm rebuild argon2 --loglevel=error </dev/null

v="$(node "$CS/out/node/entry.js" --version)"
log "$v"
grep -q "$VERSION" <<<"$v" || { log "unexpected version"; exit 1; }
printf '%s\n' "$v" > "$MARKER"
log "done in $(( $(date +%s) - start ))s"
