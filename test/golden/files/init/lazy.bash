# shellcheck shell=bash disable=SC2016 # quoted paths may hold a literal $ or `
# pyshim for bash, generated from its registry: what init.bash reads the
# first time `pyshim use`, a virtualenvwrapper command or the completion of
# environment names runs. It replaces init.bash's trampolines with the real
# functions: all of them, or (when pyshim's own files cannot be read) none,
# so that every later try says what is wrong again.

# The loader for virtualenvwrapper and the completion of environment names.
if [ -r "$HOME"/.pyshim/runtime/virtualenvwrapper-lazy.sh ] && [ -r "$HOME"/.pyshim/runtime/virtualenvwrapper-toggle.sh ]; then
  # shellcheck source=/dev/null
  builtin . "$HOME"/.pyshim/runtime/virtualenvwrapper-lazy.sh
  # shellcheck source=/dev/null
  builtin . "$HOME"/.pyshim/runtime/virtualenvwrapper-toggle.sh
else
  if [ -r "$HOME"/.pyshim/runtime/virtualenvwrapper-lazy.sh ]; then printf 'pyshim: cannot read %s\n  run: pyshim doctor\n' "$HOME"/.pyshim/runtime/virtualenvwrapper-toggle.sh >&2; else printf 'pyshim: cannot read %s\n  run: pyshim doctor\n' "$HOME"/.pyshim/runtime/virtualenvwrapper-lazy.sh >&2; fi
  return 1
fi

# The homes `workon NAME`, rmvirtualenv, cpvirtualenv, showvirtualenv and the
# completion of names search (virtualenvwrapper-lazy.sh): pairs of line ('' for
# a searched home) and directory, each line's home first.
# shellcheck disable=SC2034 # read by virtualenvwrapper-lazy.sh
_pyshim_homes=(2.6 "$HOME"/.virtualenvs26 2.7 "$HOME"/.virtualenvs27 3.6 "$HOME"/.virtualenvs36 3.11 "$HOME"/.virtualenvs311 3.12 "$HOME"/'envs/it'\''s 3.12' '' "$HOME"/.virtualenvs '' '/srv/team envs/it'\''s $shared')

# Switch this shell to a line, silently (the shell's start uses it too): one
# arm per registered line, every value baked in:
# $1 line, $2 Python for virtualenvwrapper's hooks, $3 virtualenv-X.Y,
# $4 WORKON_HOME, $5 virtualenvwrapper.sh ('' when the machine has none).
_pyshim_use() {
  case "${1-}" in
    2.6)
      set -- 2.6 "$HOME"/.pyshim/pythons/2.6.9/bin/python2.6 "$HOME"/.pyshim/bin/virtualenv-2.6 "$HOME"/.virtualenvs26 ''
      ;;
    2.7)
      set -- 2.7 /usr/bin/python3.11 "$HOME"/.pyshim/bin/virtualenv-2.7 "$HOME"/.virtualenvs27 /usr/share/virtualenvwrapper/virtualenvwrapper.sh
      ;;
    3.6)
      set -- 3.6 "$HOME"/.pyenv/versions/3.6.15/bin/python3.6 "$HOME"/.pyshim/bin/virtualenv-3.6 "$HOME"/.virtualenvs36 ''
      ;;
    3.11)
      set -- 3.11 /usr/bin/python3.11 "$HOME"/.pyshim/bin/virtualenv-3.11 "$HOME"/.virtualenvs311 /usr/share/virtualenvwrapper/virtualenvwrapper.sh
      ;;
    3.12)
      set -- 3.12 "$HOME"/.pyenv/versions/3.12.1/bin/python3.12 "$HOME"/.pyshim/bin/virtualenv-3.12 "$HOME"/'envs/it'\''s 3.12' "$HOME"/.local/bin/virtualenvwrapper.sh
      ;;
    *)
      printf 'pyshim: error: %s is not a registered line (registered: 2.6, 2.7, 3.6, 3.11, 3.12)\n  register it first: pyshim add %s\n' "${1-}" "${1-}" >&2
      return 1
      ;;
  esac
  case ${VIRTUALENVWRAPPER_HOOK_DIR-} in '') ;; "${WORKON_HOME-}") export VIRTUALENVWRAPPER_HOOK_DIR="$4" ;; esac
  export PYSHIM_LINE="$1" VIRTUALENVWRAPPER_PYTHON="$2" VIRTUALENVWRAPPER_VIRTUALENV="$3" WORKON_HOME="$4"
  _pyshim_vew_script="$5"
  # Loaded already: back to stubs, so the next command reloads it with this
  # line's variables.
  if [ -n "${_pyshim_vew_loaded-}" ]; then _pyshim_vew_stubs; fi
}

# `pyshim use X.Y`, as typed: switch and say what changed. The program
# answers the rest: `pyshim use` prints the line from PYSHIM_LINE, and refuses
# two lines or more; `pyshim use --help`.
_pyshim_use_cmd() {
  case $#:${1-} in 1:-*|1:) ;; 1:*)
    set -- "$1" "${PYSHIM_LINE-}"
    _pyshim_use "$1" || return
    if [ "$1" = "$2" ]; then
      printf 'pyshim: this shell already uses the %s line; workon and mkvirtualenv use %s\n' "$1" "$WORKON_HOME"
    else
      printf 'pyshim: this shell now uses the %s line%s; workon and mkvirtualenv use %s\n' "$1" "${2:+ (was $2)}" "$WORKON_HOME"
    fi
    return
  esac
  command pyshim use "$@"
}

# pyshim's own completion, from the program, on the first Tab after `pyshim`
# (it defines the real _pyshim_complete, which then completes).
_pyshim_complete() { local s; s=$(command pyshim completion bash 2>/dev/null) && [ -n "$s" ] && eval "$s" && _pyshim_complete "$@"; }

# A shell started before any line was registered (the `pyshim add` just now
# came after it) takes the default line now, as a new shell would.
if [ -z "${PYSHIM_LINE-}" ]; then _pyshim_use 3.12; fi
