#!/bin/sh
# Paths are single-quoted on purpose: a `$` or backquote in one is literal.
# shellcheck disable=SC2016
# {{NAME}}: {{SCRIPT}} of the {{LINE}} line ({{ENTRY}}), whichever Python ~/.local/bin/{{SCRIPT}} runs.
# Written by pyshim; install{{SUFFIX}} and `pyshim bootstrap {{LINE}}` write it, `pyshim remove {{LINE}}` deletes it.
# pyshim-copy: {{LINE}} {{SCRIPT}}
py={{PYTHON}}
if [ ! -x "$py" ]; then
  printf '%s\n' {{MISSING}} >&2
  exit 127
fi
exec "$py" -c {{CODE}} "$0" "$@"
