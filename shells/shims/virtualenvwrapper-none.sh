# {{NAME}}: source this in bash or zsh to point virtualenvwrapper at the {{LINE}} line.
# Written by pyshim; `pyshim add {{LINE}}` rewrites it, `pyshim remove {{LINE}}` deletes it.
# shellcheck shell=sh
# `return` fails (and exit runs) only when executed, not sourced.
# shellcheck disable=SC2317
printf '%s\n' "{{NAME}}: no virtualenvwrapper.sh was found for the {{LINE}} line" "  try: pyshim bootstrap {{LINE}} --with virtualenvwrapper" >&2
return 1 2>/dev/null || exit 1
