#!/bin/sh
# Paths are single-quoted on purpose: a `$` or backquote in one is literal.
# shellcheck disable=SC2016
# {{NAME}}: makes a {{LINE}} virtual environment (backend: the standard library's venv, pip from ensurepip).
# Written by pyshim; `pyshim add {{LINE}}` rewrites it, `pyshim remove {{LINE}}` deletes it.
py={{PYTHON}}
if [ ! -x "$py" ]; then
  printf '%s\n' {{MISSING}} >&2
  exit 127
fi
# venv spells some virtualenv options differently and lacks others:
# translate what has a meaning, refuse what would be silently ignored.
refuse() {
  printf '%s\n' "{{NAME}}: option $1 is not available with the venv backend of {{LINE}}" "  try: pyshim bootstrap {{LINE}} (installs virtualenv for this line)" >&2
  exit 2
}
verbose=
# Does this Python's ensurepip install setuptools beside pip (3.11 and older)?
setuptools={{SETUPTOOLS}}
n=$#
while [ "$n" -gt 0 ]; do
  arg=$1
  shift
  n=$((n - 1))
  case $arg in
    --no-pip | --without-pip | --no-seed) set -- "$@" --without-pip ;;
    # venv is quiet already, never installs wheel and never downloads.
    -q | -qq | --quiet | --no-wheel | --no-download | --never-download) ;;
    -v | -vv | --verbose) verbose=1 ;;
    --no-setuptools) [ "$setuptools" = no ] || refuse "$arg" ;;
    -p | --python | --python=* | -p?*)
      printf '%s\n' "{{NAME}}: makes Python {{LINE}} environments only; it does not take $arg" "  for another version use that version's virtualenv-X.Y" >&2
      exit 2 ;;
    --always-copy | --copies) set -- "$@" --copies ;;
    --system-site-packages | --clear | --symlinks | --upgrade | --upgrade-deps | -h | --help | --prompt=*) set -- "$@" "$arg" ;;
    --prompt)
      if [ "$n" -eq 0 ]; then
        printf '%s\n' "{{NAME}}: --prompt needs a value" >&2
        exit 2
      fi
      set -- "$@" --prompt "$1"
      shift
      n=$((n - 1)) ;;
    --)
      while [ "$n" -gt 0 ]; do
        set -- "$@" "$1"
        shift
        n=$((n - 1))
      done ;;
    -*) refuse "$arg" ;;
    *) set -- "$@" "$arg" ;;
  esac
done
if [ -n "$verbose" ]; then
  printf '%s' "{{NAME}}: running: $py -m venv" >&2
  printf ' %s' "$@" >&2
  printf '\n' >&2
fi
exec "$py" -m venv "$@"
