# virtualenvwrapper-2.6.sh: source this in bash or zsh to point virtualenvwrapper at the 2.6 line.
# Written by pyshim; `pyshim add 2.6` rewrites it, `pyshim remove 2.6` deletes it.
# shellcheck shell=sh
# `return` fails (and exit runs) only when executed, not sourced.
# shellcheck disable=SC2317
printf '%s\n' "virtualenvwrapper-2.6.sh: no virtualenvwrapper.sh was found for the 2.6 line" "  try: pyshim bootstrap 2.6 --with virtualenvwrapper" >&2
return 1 2>/dev/null || exit 1
