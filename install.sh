#!/bin/sh
# Install pyshim for the current user, without sudo: build it here, then link
# ~/.local/bin/pyshim to the build. Running it again rebuilds and relinks.
set -eu
cd "$(dirname "$0")"
here=$(pwd)

command -v node >/dev/null 2>&1 || { echo "install.sh: node (20 or newer) is needed; install Node.js first" >&2; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "install.sh: node $(node --version) is too old; pyshim needs Node.js 20 or newer" >&2
  exit 1
fi

echo "install.sh: installing dependencies (npm ci)"
npm ci --no-audit --no-fund --loglevel=error
echo "install.sh: building"
npm run --silent build

bindir="${HOME}/.local/bin"
mkdir -p "$bindir"
ln -sf "$here/dist/pyshim.cjs" "$bindir/pyshim"
echo "install.sh: installed $bindir/pyshim -> $here/dist/pyshim.cjs"

case ":${PATH}:" in
  *":$bindir:"*) ;;
  *) echo "install.sh: $bindir is not on your PATH; add it, e.g. for bash:  echo 'export PATH=\"\$HOME/.local/bin:\$PATH\"' >> ~/.bashrc" ;;
esac
"$bindir/pyshim" --version >/dev/null
echo "install.sh: done. Next: pyshim list, then pyshim add 3.12"
