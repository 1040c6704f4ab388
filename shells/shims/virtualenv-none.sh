#!/bin/sh
# {{NAME}}: the {{LINE}} line has no way to make virtual environments yet.
# Written by pyshim; `pyshim add {{LINE}}` rewrites it, `pyshim remove {{LINE}}` deletes it.
printf '%s\n' "{{NAME}}: the {{LINE}} line has neither virtualenv nor venv" "  try: pyshim bootstrap {{LINE}}" >&2
exit 1
