#!/bin/sh
# Install pyshim for the current user, without sudo: build it here, link
# ~/.local/bin/pyshim to the build, then `pyshim setup` for your login shell
# (skip that with --no-setup). Running it again rebuilds, relinks, and finds
# the profile already set up.
set -eu
run_setup=yes
for arg in "$@"; do
  case $arg in
    --no-setup) run_setup=no ;;
    -h | --help) echo "usage: ./install.sh [--no-setup]"; exit 0 ;;
    *) echo "install.sh: unknown option $arg (usage: ./install.sh [--no-setup])" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")"
here=$(pwd)

command -v node >/dev/null 2>&1 || { echo "install.sh: node (20 or newer) is needed; install Node.js first" >&2; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "install.sh: node $(node --version) is too old; pyshim needs Node.js 20 or newer" >&2
  exit 1
fi

# The test suite runs this script after building, and must not reinstall
# node_modules under its own feet.
if [ -z "${PYSHIM_INSTALL_NO_BUILD:-}" ]; then
  echo "install.sh: installing dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "install.sh: building"
  npm run --silent build
fi

bindir="${HOME}/.local/bin"
mkdir -p "$bindir"
ln -sf "$here/dist/pyshim.cjs" "$bindir/pyshim"
echo "install.sh: installed $bindir/pyshim -> $here/dist/pyshim.cjs"

case ":${PATH}:" in
  *":$bindir:"*) ;;
  *) echo "install.sh: $bindir is not on your PATH; add it, e.g. for bash:  echo 'export PATH=\"\$HOME/.local/bin:\$PATH\"' >> ~/.bashrc" ;;
esac
"$bindir/pyshim" --version >/dev/null
if [ "$run_setup" = yes ]; then
  case ${SHELL:-} in
    */bash | */zsh | */fish) "$bindir/pyshim" setup ;;
    *) echo "install.sh: your login shell (${SHELL:-unknown}) is not bash, zsh or fish; run: pyshim setup --shell bash" ;;
  esac
fi
echo "install.sh: done. Next: pyshim list, then pyshim add 3.12 (open a new shell first)"
