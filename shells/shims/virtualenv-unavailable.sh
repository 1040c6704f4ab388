#!/bin/sh
# Paths are single-quoted on purpose: a `$` or backquote in one is literal.
# shellcheck disable=SC2016
# {{NAME}}: the {{LINE}} line has no way to make virtual environments yet.
# Written by pyshim; `pyshim add {{LINE}}` rewrites it, `pyshim remove {{LINE}}` deletes it.
printf '%s\n' "{{NAME}}: no way to make Python {{LINE}} environments was found:" {{REASONS}} "  try: pyshim bootstrap {{LINE}}, or install virtualenv for another Python, then: pyshim add {{LINE}}" >&2
exit 1
