#!/bin/sh
# Paths are single-quoted on purpose: a `$` or backquote in one is literal.
# shellcheck disable=SC2016
# {{NAME}}: the interpreter of the {{LINE}} line, or of the active {{LINE}} virtual environment
# (the rule of every shim: inside an active {{LINE}} environment, that environment's).
# Written by pyshim; `pyshim add {{LINE}}` rewrites it, `pyshim remove {{LINE}}` deletes it.
if [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/python{{LINE}}" ]; then
  exec "$VIRTUAL_ENV/bin/python{{LINE}}" "$@"
fi
py={{PYTHON}}
if [ ! -x "$py" ]; then
  printf '%s\n' {{MISSING}} >&2
  exit 127
fi
exec "$py" "$@"
