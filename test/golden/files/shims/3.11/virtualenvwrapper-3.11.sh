# virtualenvwrapper-3.11.sh: source this in bash or zsh to point virtualenvwrapper at the 3.11 line.
# Written by pyshim; `pyshim add 3.11` rewrites it, `pyshim remove 3.11` deletes it.
# shellcheck shell=sh
# `return` fails (and exit runs) only when executed, not sourced.
# Paths are single-quoted on purpose: a `$` or backquote in one is literal.
# shellcheck disable=SC2016,SC2089,SC2090,SC2317
VIRTUALENVWRAPPER_PYTHON=/usr/bin/python3.11
VIRTUALENVWRAPPER_VIRTUALENV=/home/user/.pyshim/bin/virtualenv-3.11
WORKON_HOME="$HOME"/.virtualenvs311
export VIRTUALENVWRAPPER_PYTHON VIRTUALENVWRAPPER_VIRTUALENV WORKON_HOME
if [ -r /usr/share/virtualenvwrapper/virtualenvwrapper.sh ]; then
  # shellcheck disable=SC1090,SC1091
  . /usr/share/virtualenvwrapper/virtualenvwrapper.sh
  # pyshim's toggleglobalsitepackages, as through the init file (one definition for both).
  if [ -r /usr/lib/node_modules/pyshim/shells/posix/virtualenvwrapper-toggle.sh ]; then
    # shellcheck disable=SC1090,SC1091
    . /usr/lib/node_modules/pyshim/shells/posix/virtualenvwrapper-toggle.sh && _pyshim_vew_mend
  else
    printf '%s\n' 'virtualenvwrapper-3.11.sh: pyshim'\''s /usr/lib/node_modules/pyshim/shells/posix/virtualenvwrapper-toggle.sh is gone; run: pyshim doctor' >&2
  fi
else
  printf '%s\n' 'virtualenvwrapper-3.11.sh: /usr/share/virtualenvwrapper/virtualenvwrapper.sh is gone; run: pyshim doctor' >&2
  return 1 2>/dev/null || exit 1
fi
