# shellcheck shell=bash
# (Template: the part of init.bash and init.zsh both shells share.)

# `pyshim use X.Y` must change this shell, which no child process can do.
pyshim() {
  case ${1-}:${2-} in
    use:-*) command pyshim "$@" ;;
    use:*) shift; _pyshim_use "$@" ;;
    *) command pyshim "$@" ;;
  esac
}

# One arm per registered line: every value is baked in, nothing runs to find it.
_pyshim_use() {
  case ${1-} in
    '')
      printf '%s\n' "pyshim: this shell uses the ${PYSHIM_LINE:-(none)} line" "  switch with: pyshim use X.Y (the lines: pyshim list)" >&2
      return 2 ;;
  esac
  {{USE_SWITCH}}
}

# $1 line, $2 Python for virtualenvwrapper's hooks, $3 virtualenv-X.Y,
# $4 WORKON_HOME, $5 virtualenvwrapper.sh ('' when the machine has none).
_pyshim_line() {
  # A hook dir that followed the old WORKON_HOME follows the new one.
  if [ -n "${VIRTUALENVWRAPPER_HOOK_DIR-}" ] && [ "$VIRTUALENVWRAPPER_HOOK_DIR" = "${WORKON_HOME-}" ]; then
    export VIRTUALENVWRAPPER_HOOK_DIR="$4"
  fi
  export PYSHIM_LINE="$1" VIRTUALENVWRAPPER_PYTHON="$2" VIRTUALENVWRAPPER_VIRTUALENV="$3" WORKON_HOME="$4"
  _pyshim_vew_script=$5
  # Loaded already: back to stubs, so the next command reloads it with this
  # line's variables.
  if [ -n "${_pyshim_vew_loaded-}" ]; then _pyshim_vew_stubs; fi
}

# virtualenvwrapper's commands exist at once, as stubs that load it on first
# use. (Literal one-line definitions: the cheapest text for a shell to read.
# virtualenvwrapper-lazy.sh restores them after `pyshim use`.)
_pyshim_vew_loaded=
mkvirtualenv() { _pyshim_vew_run mkvirtualenv "$@"; }
workon() { _pyshim_vew_run workon "$@"; }
rmvirtualenv() { _pyshim_vew_run rmvirtualenv "$@"; }
lsvirtualenv() { _pyshim_vew_run lsvirtualenv "$@"; }
showvirtualenv() { _pyshim_vew_run showvirtualenv "$@"; }
cdvirtualenv() { _pyshim_vew_run cdvirtualenv "$@"; }
cdsitepackages() { _pyshim_vew_run cdsitepackages "$@"; }
lssitepackages() { _pyshim_vew_run lssitepackages "$@"; }
toggleglobalsitepackages() { _pyshim_vew_run toggleglobalsitepackages "$@"; }
cpvirtualenv() { _pyshim_vew_run cpvirtualenv "$@"; }
allvirtualenv() { _pyshim_vew_run allvirtualenv "$@"; }
add2virtualenv() { _pyshim_vew_run add2virtualenv "$@"; }
wipeenv() { _pyshim_vew_run wipeenv "$@"; }
setvirtualenvproject() { _pyshim_vew_run setvirtualenvproject "$@"; }
mkproject() { _pyshim_vew_run mkproject "$@"; }
cdproject() { _pyshim_vew_run cdproject "$@"; }
mktmpenv() { _pyshim_vew_run mktmpenv "$@"; }
virtualenvwrapper() { _pyshim_vew_run virtualenvwrapper "$@"; }

# The loader and the completion of environment names live in their own file,
# read the first time one of them is needed.
_pyshim_lazy() {
  if [ -f {{LAZY}} ] && [ -r {{LAZY}} ]; then
    # shellcheck source=/dev/null
    . {{LAZY}}
  else
    {{LAZY_MISSING}}
    return 1
  fi
}
_pyshim_vew_run() { _pyshim_lazy && _pyshim_vew_run "$@"; }
