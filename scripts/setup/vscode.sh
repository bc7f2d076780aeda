#!/usr/bin/env bash
# Installs what the VS Code extension's build and tests need: Debian packages (Chromium,
# ripgrep, headers for code-server's native modules), the extension's npm packages, and
# code-server (a real VS Code served to the browser) under .cache/ in this repository.
# Idempotent: a second run only checks and returns.
set -euo pipefail
cd "$(dirname "$0")/../.."

CODE_SERVER_VERSION=4.100.3   # the newest code-server whose engines accept Node 20
CODE_SERVER_DIR="${BNLINT_CODE_SERVER_DIR:-$PWD/.cache/code-server}"

# --- Debian packages -------------------------------------------------------------------
missing=()
for pkg in chromium ripgrep libkrb5-dev build-essential python3; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Node may come from elsewhere (nodesource, nvm): only ask apt when the command is absent
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "vscode setup: apt-get install ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
    echo "vscode setup: Node $node_major is too old; the extension build and code-server $CODE_SERVER_VERSION need Node 20" >&2
    exit 1
fi

# --- the extension's own npm packages ---------------------------------------------------
# node_modules is rebuilt only when package-lock.json is newer than the last `npm ci`
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi

# --- code-server ------------------------------------------------------------------------
marker="$CODE_SERVER_DIR/.installed-$CODE_SERVER_VERSION"
if [ -f "$marker" ]; then
    exit 0
fi
echo "vscode setup: installing code-server $CODE_SERVER_VERSION into $CODE_SERVER_DIR (about 2 minutes)"
rm -rf "$CODE_SERVER_DIR"
mkdir -p "$CODE_SERVER_DIR"
# Why each variable: postinstall scripts refuse root without unsafe_perm; node-gyp would
# download Node headers unless pointed at Debian's; node-pty's postinstall runs `npx node-gyp`.
export npm_config_unsafe_perm=true npm_config_nodedir=/usr npm_config_yes=true
if [ "$node_major" -ne 20 ]; then
    # code-server 4.100.3 declares Node 20; its own postinstall is not run (see below), but
    # the native modules are built for whatever node runs them
    echo "vscode setup: warning: Node $node_major, code-server $CODE_SERVER_VERSION expects Node 20" >&2
fi
npm_quiet=(--no-audit --no-fund --loglevel=error)
# Its postinstall (npm install in lib/vscode) would let @vscode/ripgrep download rg from
# GitHub, which is unreachable: do those steps here with Debian's rg in its place.
npm install --prefix "$CODE_SERVER_DIR" --ignore-scripts "${npm_quiet[@]}" "code-server@$CODE_SERVER_VERSION"
# the one top-level native module (builds from source when its prebuilt download fails)
(cd "$CODE_SERVER_DIR" && npm rebuild argon2 "${npm_quiet[@]}")
vscode="$CODE_SERVER_DIR/node_modules/code-server/lib/vscode"
(
    cd "$vscode"
    npm install --omit=dev --ignore-scripts "${npm_quiet[@]}"
    # @vscode/ripgrep's postinstall skips its download when bin/ exists
    mkdir -p node_modules/@vscode/ripgrep/bin
    ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
    npm rebuild "${npm_quiet[@]}"
    # the links code-server's postinstall.sh makes
    rm -rf node_modules.asar && ln -s node_modules node_modules.asar
    (cd bin/remote-cli && rm -rf code-server && ln -s code-linux.sh code-server)
    (cd bin/helpers && rm -rf browser.sh && ln -s browser-linux.sh browser.sh)
    cd extensions
    npm install --omit=dev "${npm_quiet[@]}"
)
# --version writes a default config under XDG_CONFIG_HOME: keep it out of the user's home
scratch=$(mktemp -d)
XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" "$CODE_SERVER_DIR/node_modules/.bin/code-server" --version >/dev/null
rm -rf "$scratch"
touch "$marker"
echo "vscode setup: code-server $CODE_SERVER_VERSION ready"
