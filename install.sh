#!/bin/sh
# Install pyshim for the current user, without sudo: build it in this
# checkout, link ~/.local/bin/pyshim to the build, then `pyshim setup` for
# your login shell. Running it again rebuilds and relinks; dependencies that
# are already current are not installed again, and a profile already set up
# is left as it is. `./install.sh --help` lists the options.
set -eu

usage() {
  cat <<'EOF'
usage: ./install.sh [--no-setup]

Builds pyshim in this checkout (npm ci, only when node_modules does not match
package-lock.json; then the build), links ~/.local/bin/pyshim to it, and runs
`pyshim setup` for your login shell ($SHELL: bash, zsh or fish), which adds one
marked block to its profile. No sudo; nothing outside your home is written.
Run it again after an update: it rebuilds and relinks.

options:
  --no-setup   leave the shell profiles alone (run `pyshim setup` later, or
               `pyshim init SHELL` to see the block)
  -h, --help   print this help

Needs Node.js 20 or newer, and npm. Undo: pyshim uninstall, then
rm ~/.local/bin/pyshim.
EOF
}

run_setup=yes
for arg in "$@"; do
  case $arg in
    --no-setup) run_setup=no ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $arg (see: ./install.sh --help)" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")"
here=$(pwd)
say() { echo "install.sh: $*"; }

# The Node.js version, by the number before the first dot of `node --version`
# (v20.11.1): anything that is not a number is refused too, never compared.
node=$(command -v node 2>/dev/null) || { echo "install.sh: pyshim needs Node.js 20 or newer, and there is no node on PATH; install Node.js first" >&2; exit 1; }
node_version=$(node --version 2>/dev/null) || node_version=
major=${node_version#v}
major=${major%%.*}
case $major in
  '' | *[!0-9]*) echo "install.sh: pyshim needs Node.js 20 or newer, and $node does not say its version ('node --version' printed '$node_version')" >&2; exit 1 ;;
esac
if [ "$major" -lt 20 ]; then
  echo "install.sh: pyshim needs Node.js 20 or newer, and $node is $node_version; install a newer one, or put it first on PATH" >&2
  exit 1
fi

# npm's "new version available" notice is not pyshim's news.
NPM_CONFIG_UPDATE_NOTIFIER=false
export NPM_CONFIG_UPDATE_NOTIFIER

# node_modules matches package-lock.json when every package npm installed
# (its own record, node_modules/.package-lock.json) is the one the lock names,
# and every package the lock names is installed, or optional (another
# platform's esbuild, say).
deps_current() {
  [ -f node_modules/.package-lock.json ] || return 1
  node -e '
    const fs = require("fs");
    const packages = (file) => JSON.parse(fs.readFileSync(file, "utf8")).packages || {};
    const want = packages("package-lock.json");
    const have = packages("node_modules/.package-lock.json");
    const same = (a, b) => ["version", "integrity", "resolved", "link"].every((k) => a[k] === b[k]);
    const stale =
      Object.keys(have).some((name) => !want[name] || !same(want[name], have[name])) ||
      Object.keys(want).some((name) => name !== "" && !have[name] && !want[name].optional);
    process.exit(stale ? 1 : 0);
  ' 2>/dev/null
}

# The test suite runs this script after building, and must not rebuild under
# its own feet.
if [ -z "${PYSHIM_INSTALL_NO_BUILD:-}" ]; then
  command -v npm >/dev/null 2>&1 || { echo "install.sh: npm is needed to build pyshim, and there is none on PATH; install npm (it comes with Node.js)" >&2; exit 1; }
  if deps_current; then
    say "dependencies are current; building"
    npm run --silent build
  else
    # npm ci runs the build itself (package.json's prepare script), unless
    # npm is set to ignore scripts: then dist/ is not there.
    say "installing dependencies and building (npm ci)"
    rm -rf dist
    npm ci --no-audit --no-fund --no-update-notifier --loglevel=error
    [ -f dist/pyshim.cjs ] || npm run --silent build
  fi
fi

bindir="${HOME}/.local/bin"
mkdir -p "$bindir"
ln -sf "$here/dist/pyshim.cjs" "$bindir/pyshim"
say "installed $bindir/pyshim -> $here/dist/pyshim.cjs"
"$bindir/pyshim" --version >/dev/null

next='pyshim list, then pyshim add X.Y'
# A default line means lines are registered already: nothing to suggest.
if "$bindir/pyshim" default >/dev/null 2>&1; then next=; fi
set_up=no
if [ "$run_setup" = yes ]; then
  case ${SHELL:-} in
    */bash | */zsh | */fish) "$bindir/pyshim" setup && set_up=yes ;;
    *) say "your login shell (${SHELL:-unknown}) is not bash, zsh or fish; set one up with: pyshim setup --shell bash (or zsh, fish)" ;;
  esac
else
  next="pyshim setup${next:+, then $next}"
fi

# After setup, new shells put ~/.local/bin (pyshim itself) on PATH: nothing to
# add by hand. Without it, say how, for the login shell's own profile.
case ":${PATH}:" in
  *":$bindir:"*) ;;
  *)
    if [ "$set_up" = yes ]; then
      say "new shells will find pyshim (setup puts $bindir on their PATH); open one"
    else
      case ${SHELL:-} in
        */fish) how='in fish, once:  fish_add_path ~/.local/bin' ;;
        */zsh) how="for zsh:  echo 'export PATH=\"\$HOME/.local/bin:\$PATH\"' >> ${ZDOTDIR:-~}/.zshrc" ;;
        */bash) how="for bash:  echo 'export PATH=\"\$HOME/.local/bin:\$PATH\"' >> ~/.bashrc" ;;
        *) how="in your shell's profile (~/.profile for sh):  export PATH=\"\$HOME/.local/bin:\$PATH\"" ;;
      esac
      say "$bindir is not on your PATH; add it, $how"
    fi
    ;;
esac
say "done${next:+. Next: $next}"
