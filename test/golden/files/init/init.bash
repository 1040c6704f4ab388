# pyshim for bash, generated from its registry (notes at the end).
# shellcheck shell=bash disable=SC2016 # quoted paths may hold a literal $ or `
export PYSHIM_HOME="$HOME"/.pyshim
case ":${PATH-}:" in
  *:"$HOME"/.pyshim/bin:*) ;;
  *) case ${VIRTUAL_ENV:+"$PATH:"} in
       "$VIRTUAL_ENV"/bin:*) export PATH="$VIRTUAL_ENV"/bin:"$HOME"/.pyshim/bin"${PATH#"$VIRTUAL_ENV"/bin}" ;;
       *) export PATH="$HOME"/.pyshim/bin"${PATH:+:$PATH}" ;;
     esac ;;
esac
pyshim() { case ${1-} in use) shift; _pyshim_use_cmd "$@" ;; *) command pyshim "$@" ;; esac; }
_pyshim_vew_loaded=
mkvirtualenv() { _pyshim_vew "$@"; }
workon() { _pyshim_vew "$@"; }
rmvirtualenv() { _pyshim_vew "$@"; }
lsvirtualenv() { _pyshim_vew "$@"; }
showvirtualenv() { _pyshim_vew "$@"; }
cdvirtualenv() { _pyshim_vew "$@"; }
cdsitepackages() { _pyshim_vew "$@"; }
lssitepackages() { _pyshim_vew "$@"; }
toggleglobalsitepackages() { _pyshim_vew "$@"; }
cpvirtualenv() { _pyshim_vew "$@"; }
allvirtualenv() { _pyshim_vew "$@"; }
add2virtualenv() { _pyshim_vew "$@"; }
wipeenv() { _pyshim_vew "$@"; }
setvirtualenvproject() { _pyshim_vew "$@"; }
mkproject() { _pyshim_vew "$@"; }
cdproject() { _pyshim_vew "$@"; }
mktmpenv() { _pyshim_vew "$@"; }
virtualenvwrapper() { _pyshim_vew "$@"; }
_pyshim_vew() { _pyshim_load && _pyshim_vew_run "${FUNCNAME[1]}" "$@"; }
_pyshim_load() { if [ -r "$HOME"/.pyshim/lazy.bash ]; then builtin . "$HOME"/.pyshim/lazy.bash; else printf 'pyshim: cannot read %s\n  run: pyshim doctor\n' "$HOME"/.pyshim/lazy.bash >&2; return 1; fi; }
_pyshim_use() { _pyshim_load && _pyshim_use "$@"; }
_pyshim_use_cmd() { _pyshim_load && _pyshim_use_cmd "$@"; }
_pyshim_complete_envs() { _pyshim_load && _pyshim_complete_envs "$@"; }
complete -o default -o nospace -F _pyshim_complete_envs workon rmvirtualenv cpvirtualenv showvirtualenv
_pyshim_complete() { _pyshim_load && _pyshim_complete "$@"; }
complete -F _pyshim_complete pyshim
[ "${_pyshim_init-}" != c989c8d03328.$$ ] || return 0
case ${PYSHIM_LINE-} in
  ''|-*|3.12)
    case ${VIRTUALENVWRAPPER_HOOK_DIR-} in '') ;; "${WORKON_HOME-}") export VIRTUALENVWRAPPER_HOOK_DIR="$HOME"/'envs/it'\''s 3.12' ;; esac
    export PYSHIM_LINE=3.12 VIRTUALENVWRAPPER_PYTHON="$HOME"/.pyenv/versions/3.12.1/bin/python3.12 VIRTUALENVWRAPPER_VIRTUALENV="$HOME"/.pyshim/bin/virtualenv-3.12 WORKON_HOME="$HOME"/'envs/it'\''s 3.12'
    _pyshim_vew_script="$HOME"/.local/bin/virtualenvwrapper.sh
    ;;
  *) _pyshim_use "${PYSHIM_LINE-}" 2>/dev/null || _pyshim_use 3.12 ;;
esac
_pyshim_init=c989c8d03328.$$
return 0

# Notes, below the `return` because a shell start reads nothing past it. Every
# character above it costs start-up time (budget: 0.5 ms), comments included.
# - `pyshim add`, `remove` and `default` rewrite this file: edits do not last.
# - ~/.bashrc's block reads this file only in an interactive bash; a command
#   sent over ssh (bash reads ~/.bashrc then too) gets env.sh, the PATH part.
# - It runs no program (no $(…), no node, no Python). Read again in the same
#   shell, it renews PATH and the functions but leaves the line and its
#   variables as they are (the line before the default line's part compares
#   a stamp of this text and the shell's PID with what the last line left):
#   a login bash whose ~/.profile reads ~/.bashrc reads it twice, and the
#   second must not undo what the user's lines between set (WORKON_HOME).
#   A new shell, or a file pyshim rewrote, sets them afresh.
# - `pyshim` is a function because `pyshim use X.Y` must change this shell.
# - virtualenvwrapper's commands are stubs that load it on first use. They,
#   `pyshim use` and the completion of environment names (complete -F) first
#   read lazy.bash: the table of lines and pyshim's loader.
# - The shell starts on the line it inherited from a parent that ran
#   `pyshim use`, else on the default line, set inline.
