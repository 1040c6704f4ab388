#!/bin/sh
# Paths are single-quoted on purpose: a `$` or backquote in one is literal.
# shellcheck disable=SC2016
# {{NAME}}: makes a {{LINE}} virtual environment (backend: {{LABEL}}).
# Written by pyshim; `pyshim add {{LINE}}` rewrites it, `pyshim remove {{LINE}}` deletes it.
# The {{LINE}} Python runs pyshim's helper: it reads the arguments as
# virtualenv does, makes the environment without pip, and puts pip in from
# pyshim's seed cache (linked or copied: the environment never depends on it).
py={{PYTHON}}
helper={{HELPER}}
if [ ! -x "$py" ]; then
  printf '%s\n' {{MISSING}} >&2
  exit 127
fi
if [ ! -r "$helper" ]; then
  printf '%s\n' {{HELPER_MISSING}} >&2
  exit 127
fi
# -S: no site at start (the helper loads it only to import virtualenv).
exec "$py" {{RUNNER_FLAGS}}"$helper" {{ARGS}} "$@"
