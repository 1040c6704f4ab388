#!/bin/sh
# Paths are single-quoted on purpose: a `$` or backquote in one is literal.
# shellcheck disable=SC2016
# {{NAME}}: makes a {{LINE}} virtual environment (backend: {{LABEL}}).
# Written by pyshim; `pyshim add {{LINE}}` rewrites it, `pyshim remove {{LINE}}` deletes it.
py={{PYTHON}}
if [ ! -x "$py" ]; then
  printf '%s\n' {{MISSING}} >&2
  exit 127
fi
# -p/--python naming this line's Python (3.12, 312, python3.12, py3.12, cpython3.12, the
# same with its micro version as probed when this was written, python{{VERSION}}, or a path
# to the same file) is taken and dropped, as mkenv.py does: an older virtualenv would look
# for "3.12" as a file. Any other is refused.
line={{LINE}}
digits=${line%%.*}${line#*.}
micro={{VERSION}}
n=$#
while [ "$n" -gt 0 ]; do
  arg=$1
  shift
  n=$((n - 1))
  case $arg in
    --)
      set -- "$@" "$arg"
      while [ "$n" -gt 0 ]; do set -- "$@" "$1"; shift; n=$((n - 1)); done
      break ;;
    -p | --py | --pyt | --pyth | --pytho | --python)
      if [ "$n" -eq 0 ]; then set -- "$@" "$arg"; continue; fi
      value=$1
      arg="$arg $1"
      shift
      n=$((n - 1)) ;;
    --py=* | --pyt=* | --pyth=* | --pytho=* | --python=*) value=${arg#*=} ;;
    -p?*) value=${arg#-p} ;;
    *) set -- "$@" "$arg"; continue ;;
  esac
  case $value in
    "$line" | "$digits" | python"$line" | python"$digits" | py"$line" | py"$digits" | cpython"$line" | cpython"$digits") ;;
    "$micro" | python"$micro" | py"$micro" | cpython"$micro") ;;
    # test -ef (same file, links followed): in POSIX.1-2024, and in dash, bash, ksh, zsh and busybox.
    */*)
      # shellcheck disable=SC3013
      [ "$value" -ef "$py" ] || value= ;;
    *) value= ;;
  esac
  if [ -z "$value" ]; then
    printf '%s\n' "{{NAME}}: makes Python {{LINE}} environments only; it does not take $arg" "  for another version use that version's virtualenv-X.Y" >&2
    exit 2
  fi
done
exec "$py" -m virtualenv "$@"
