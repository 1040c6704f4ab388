#!/bin/sh
# Paths are single-quoted on purpose: a `$` or backquote in one is literal.
# shellcheck disable=SC2016
# {{NAME}}: makes a {{LINE}} virtual environment (backend: the standard library's venv).
# Written by pyshim; `pyshim add {{LINE}}` rewrites it, `pyshim remove {{LINE}}` deletes it.
py={{PYTHON}}
if [ ! -x "$py" ]; then
  printf '%s\n' {{MISSING}} >&2
  exit 127
fi
# venv spells some virtualenv options differently and lacks others:
# translate what has a meaning, refuse what would be silently ignored.
n=$#
while [ "$n" -gt 0 ]; do
  arg=$1
  shift
  n=$((n - 1))
  case $arg in
    --no-pip) set -- "$@" --without-pip ;;
    -q | --quiet | -v | --verbose | --no-setuptools | --no-wheel | --no-download | --never-download) ;;
    --system-site-packages | --clear | --copies | --always-copy | --symlinks | --upgrade | --upgrade-deps | -h | --help)
      [ "$arg" = --always-copy ] && arg=--copies
      set -- "$@" "$arg" ;;
    --prompt=*) set -- "$@" "$arg" ;;
    --prompt)
      if [ "$n" -eq 0 ]; then
        printf '%s\n' "{{NAME}}: --prompt needs a value" >&2
        exit 2
      fi
      set -- "$@" --prompt "$1"
      shift
      n=$((n - 1)) ;;
    -*)
      printf '%s\n' "{{NAME}}: option $arg is not available with the venv backend of {{LINE}}" "  try: pyshim bootstrap {{LINE}} (installs virtualenv for this line)" >&2
      exit 2 ;;
    *) set -- "$@" "$arg" ;;
  esac
done
exec "$py" -m venv "$@"
