#!/usr/bin/env bash
# Fetch a real CPython release tarball without internet access to python.org:
# the .orig tarball of Debian's python3.11 source package *is* the upstream
# CPython source (Python-3.11.x.tar.xz). apt runs with a PRIVATE configuration
# (its own sources list, lists, cache and state), so the machine's apt set-up
# is left exactly as it was.
#
# Usage: .ci/fetch-cpython-source.sh [DEST]
#   DEST: the cache directory (default: $PYSHIM_CI_CACHE or /var/cache/pyshim-ci).
#   Prints the absolute path of the tarball on stdout; everything else goes to stderr.
#   Downloads once per machine: a cached tarball whose checksum still matches is reused.
# Env: PYSHIM_CI_SOURCE_PACKAGE (default python3.11).
set -euo pipefail

dest="${1:-${PYSHIM_CI_CACHE:-/var/cache/pyshim-ci}}"
package="${PYSHIM_CI_SOURCE_PACKAGE:-python3.11}"
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"

say() { printf 'fetch-cpython-source: %s\n' "$*" >&2; }

cached() {
  local sum
  for sum in "$dest"/*.orig.tar.*.sha256; do
    [ -f "$sum" ] || continue
    if (cd "$dest" && sha256sum --quiet -c "$(basename "$sum")" >/dev/null 2>&1); then
      printf '%s/%s\n' "$dest" "$(basename "$sum" .sha256)"
      return 0
    fi
  done
  return 1
}

if tarball="$(cached)"; then
  say "cached: $tarball"
  printf '%s\n' "$tarball"
  exit 0
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/pyshim-apt.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/download"

# deb-src twins of the machine's enabled Debian entries, one-line and deb822 alike.
# Only Debian archives: third-party repositories rarely publish sources.
: >"$work/sources.list"
emit_one_line() {
  # "deb [opts] URI SUITE COMPONENTS..." → "deb-src ..."
  sed -n -E 's/^[[:space:]]*deb([[:space:]]+)/deb-src\1/p' "$1" | grep -i 'debian' >>"$work/sources.list" || true
}
emit_deb822() {
  # One stanza at a time: keep those with Types containing deb and a Debian URI, and
  # list them as one-line entries (signed-by kept so apt verifies the Release file).
  awk '
    function flush() {
      if (types ~ /(^|[ \t])deb([ \t]|$)/ && uris ~ /debian/ && enabled !~ /^[ \t]*no/) {
        n = split(uris, u, /[ \t]+/); m = split(suites, s, /[ \t]+/)
        for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) if (u[i] != "" && s[j] != "")
          printf "deb-src %s%s %s %s\n", (signed != "" ? "[signed-by=" signed "] " : ""), u[i], s[j], comps
      }
      types = uris = suites = comps = signed = enabled = ""
    }
    /^[ \t]*#/ { next }
    /^[ \t]*$/ { flush(); next }
    {
      key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^[ \t]+/, "")
      if (key == "types") types = $0
      else if (key == "uris") uris = $0
      else if (key == "suites") suites = $0
      else if (key == "components") comps = $0
      else if (key == "signed-by") signed = $0
      else if (key == "enabled") enabled = $0
    }
    END { flush() }
  ' "$1" >>"$work/sources.list"
}
[ -f /etc/apt/sources.list ] && emit_one_line /etc/apt/sources.list
for f in /etc/apt/sources.list.d/*.list; do [ -f "$f" ] && emit_one_line "$f"; done
for f in /etc/apt/sources.list.d/*.sources; do [ -f "$f" ] && emit_deb822 "$f"; done
if [ -n "${PYSHIM_CI_DEB_SRC:-}" ]; then printf '%s\n' "$PYSHIM_CI_DEB_SRC" >>"$work/sources.list"; fi
if [ ! -s "$work/sources.list" ]; then
  say "no Debian apt entries found in /etc/apt; set PYSHIM_CI_DEB_SRC to a deb-src line"
  exit 1
fi
say "private deb-src entries:"
sed 's/^/  /' "$work/sources.list" >&2

apt_private=(
  -o "Dir::Etc::sourcelist=$work/sources.list"
  -o "Dir::Etc::sourceparts=-"
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache=$work/cache"
  -o "Dir::State::status=/dev/null"
  # The private dirs belong to whoever runs this script; apt's _apt user may not read them.
  -o "APT::Sandbox::User=$(id -un)"
  -o "Debug::NoLocking=1"
)
say "apt-get update (private lists)"
apt-get "${apt_private[@]}" -qq update >&2
# Every version the private lists know, newest first: a mirror may lack the newest one's
# files (a security pool that is not mirrored), and any release of the line will do.
mapfile -t versions < <(apt-cache "${apt_private[@]}" showsrc "$package" | sed -n 's/^Version: //p' | sort -Vr | uniq)
if [ "${#versions[@]}" -eq 0 ]; then
  say "no source package $package in the private lists (is there a deb-src twin of your Debian entries?)"
  exit 1
fi
got=""
for version in "${versions[@]}"; do
  say "apt-get source --download-only $package=$version"
  rm -f "$work/download"/*
  if (cd "$work/download" && apt-get "${apt_private[@]}" -qq source --download-only "$package=$version" >&2); then
    got="$version"
    break
  fi
  say "$package=$version could not be downloaded; trying an older one"
done
if [ -z "$got" ]; then
  say "no version of $package could be downloaded (${versions[*]})"
  exit 1
fi

orig="$(find "$work/download" -maxdepth 1 -name '*.orig.tar.*' ! -name '*.asc' | head -n1)"
if [ -z "$orig" ]; then
  say "the source package $package has no .orig tarball"
  exit 1
fi
name="$(basename "$orig")"
# apt checked the file against the signed .dsc; record its sum so the cache can be trusted later.
mv -f "$orig" "$dest/$name.tmp"
mv -f "$dest/$name.tmp" "$dest/$name"
(cd "$dest" && sha256sum "$name" >"$name.sha256")
say "cached: $dest/$name"
printf '%s\n' "$dest/$name"
