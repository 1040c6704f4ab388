# {{NAME}}: source this in bash or zsh to point virtualenvwrapper at the {{LINE}} line.
# Written by pyshim; `pyshim add {{LINE}}` rewrites it, `pyshim remove {{LINE}}` deletes it.
# shellcheck shell=sh
# `return` fails (and exit runs) only when executed, not sourced.
# Paths are single-quoted on purpose: a `$` or backquote in one is literal.
# shellcheck disable=SC2016,SC2089,SC2090,SC2317
VIRTUALENVWRAPPER_PYTHON={{HOOK_PYTHON}}
VIRTUALENVWRAPPER_VIRTUALENV={{VIRTUALENV}}
WORKON_HOME={{WORKON_HOME}}
export VIRTUALENVWRAPPER_PYTHON VIRTUALENVWRAPPER_VIRTUALENV WORKON_HOME
if [ -r {{SCRIPT}} ]; then
  # shellcheck disable=SC1090,SC1091
  . {{SCRIPT}}
  # pyshim's toggleglobalsitepackages, as through the init file (one definition for both).
  if [ -r {{TOGGLE}} ]; then
    # shellcheck disable=SC1090,SC1091
    . {{TOGGLE}} && _pyshim_vew_mend
  else
    printf '%s\n' {{TOGGLE_MISSING}} >&2
  fi
else
  printf '%s\n' {{MISSING}} >&2
  return 1 2>/dev/null || exit 1
fi
