#!/usr/bin/env bash
# Installs the editors the tests in tests/editors/ drive: Debian's Neovim 0.7 and Emacs with
# Eglot. The current Neovim (0.11) comes from the PyPI wheel in the project's `test` extra.
# Idempotent: does nothing (and touches no network) when everything is already installed.
set -euo pipefail

packages=(neovim emacs-nox elpa-eglot)
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
echo "editors.sh: installing ${missing[*]}" >&2
# other setup scripts may be running apt at the same time: wait for its lock instead of failing
wait_lock=(-o DPkg::Lock::Timeout=600)
$SUDO apt-get "${wait_lock[@]}" update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get "${wait_lock[@]}" install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
