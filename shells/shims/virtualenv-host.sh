#!/bin/sh
# Paths are single-quoted on purpose: a `$` or backquote in one is literal.
# shellcheck disable=SC2016
# {{NAME}}: makes a {{LINE}} virtual environment (backend: {{LABEL}}).
# Written by pyshim; `pyshim add {{LINE}}` rewrites it, `pyshim remove {{LINE}}` deletes it.
# Another Python runs pyshim's helper: its virtualenv makes the environment
# (-p {{LINE}}), or, for a line too old to run the helper, the line's own
# virtualenv does. The helper reads the arguments as virtualenv does, refuses
# what that backend cannot honour, and seeds pip from the {{LINE}} line's wheels.
py={{PYTHON}}
host={{RUNNER}}
helper={{HELPER}}
if [ ! -x "$py" ]; then
  printf '%s\n' {{MISSING}} >&2
  exit 127
fi
if [ ! -x "$host" ]; then
  printf '%s\n' {{RUNNER_MISSING}} >&2
  exit 127
fi
if [ ! -r "$helper" ]; then
  printf '%s\n' {{HELPER_MISSING}} >&2
  exit 127
fi
# -S: no site at start (the helper loads it only to import virtualenv).
exec "$host" {{RUNNER_FLAGS}}"$helper" {{ARGS}} "$@"
