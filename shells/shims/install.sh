#!/bin/sh
# Paths are single-quoted on purpose: a `$` or backquote in one is literal.
# shellcheck disable=SC2016
# {{NAME}}: `pip install --user` into the {{LINE}} line's user site, even inside a virtual environment.
# Written by pyshim; `pyshim add {{LINE}}` rewrites it, `pyshim remove {{LINE}}` deletes it.
py={{PYTHON}}
if [ ! -x "$py" ]; then
  printf '%s\n' {{MISSING}} >&2
  exit 127
fi
{{PEP668}}copies={{COPIES}}
# pip runs inside pyshim's helper, which then writes NAME-{{LINE}} beside this shim for every
# console script the line has (~/.local/bin is shared by all lines); without it, plain pip.
if [ -r "$copies" ]; then
  exec "$py" "$copies" install {{LINE}} "$py" {{BIN}} {{TEMPLATE}} --pip-module {{PIP_MODULE}} -- "$@"
fi
exec "$py" -m {{PIP_MODULE}} install --user "$@"
