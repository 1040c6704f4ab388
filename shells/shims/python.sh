#!/bin/sh
# Paths are single-quoted on purpose: a `$` or backquote in one is literal.
# shellcheck disable=SC2016
# {{NAME}}: the interpreter of the {{LINE}} line.
# Written by pyshim; `pyshim add {{LINE}}` rewrites it, `pyshim remove {{LINE}}` deletes it.
py={{PYTHON}}
if [ ! -x "$py" ]; then
  printf '%s\n' {{MISSING}} >&2
  exit 127
fi
exec "$py" "$@"
