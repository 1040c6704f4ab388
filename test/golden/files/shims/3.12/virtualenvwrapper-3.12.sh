# virtualenvwrapper-3.12.sh: source this in bash or zsh to point virtualenvwrapper at the 3.12 line.
# Written by pyshim; `pyshim add 3.12` rewrites it, `pyshim remove 3.12` deletes it.
# shellcheck shell=sh
# `return` fails (and exit runs) only when executed, not sourced.
# Paths are single-quoted on purpose: a `$` or backquote in one is literal.
# shellcheck disable=SC2016,SC2089,SC2090,SC2317
VIRTUALENVWRAPPER_PYTHON=/home/user/.pyenv/versions/3.12.1/bin/python3.12
VIRTUALENVWRAPPER_VIRTUALENV=/home/user/.pyshim/bin/virtualenv-3.12
WORKON_HOME="$HOME"/'envs/it'\''s 3.12'
export VIRTUALENVWRAPPER_PYTHON VIRTUALENVWRAPPER_VIRTUALENV WORKON_HOME
if [ -r /home/user/.local/bin/virtualenvwrapper.sh ]; then
  # shellcheck disable=SC1090,SC1091
  . /home/user/.local/bin/virtualenvwrapper.sh
  # pyshim's toggleglobalsitepackages, as through the init file (one definition for both).
  if [ -r /usr/lib/node_modules/pyshim/shells/posix/virtualenvwrapper-toggle.sh ]; then
    # shellcheck disable=SC1090,SC1091
    . /usr/lib/node_modules/pyshim/shells/posix/virtualenvwrapper-toggle.sh && _pyshim_vew_mend
  else
    printf '%s\n' 'virtualenvwrapper-3.12.sh: pyshim'\''s /usr/lib/node_modules/pyshim/shells/posix/virtualenvwrapper-toggle.sh is gone; run: pyshim doctor' >&2
  fi
else
  printf '%s\n' 'virtualenvwrapper-3.12.sh: /home/user/.local/bin/virtualenvwrapper.sh is gone; run: pyshim doctor' >&2
  return 1 2>/dev/null || exit 1
fi
