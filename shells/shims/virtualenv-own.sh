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
for arg do
  case $arg in
    --) break ;;
    -p | --python | --python=* | -p?*)
      printf '%s\n' "{{NAME}}: makes Python {{LINE}} environments only; it does not take $arg" "  for another version use that version's virtualenv-X.Y" >&2
      exit 2 ;;
  esac
done
exec "$py" -m virtualenv "$@"
