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

# virtualenvwrapper's commands exist at once, as stubs that load it on first
# use (virtualenvwrapper-lazy.sh restores them after `pyshim use`).
_pyshim_vew_loaded=
{{STUBS}}

# The loader and the completion of environment names live in their own file,
# read the first time one of them is needed.
_pyshim_lazy() {
  if [ -r {{LAZY}} ]; then
    # shellcheck source=/dev/null
    . {{LAZY}}
  else
    {{LAZY_MISSING}}
    return 1
  fi
}
_pyshim_vew_run() { _pyshim_lazy && _pyshim_vew_run "$@"; }

# The table of lines stands after the `return` at the end of this block, so
# that a shell start does not read it: _pyshim_use reads it on first use.
_pyshim_use() {
  if [ -r {{INIT}} ]; then
    _pyshim_use_table=1
    # shellcheck source=/dev/null
    . {{INIT}}
    unset _pyshim_use_table
    _pyshim_use "$@"
  else
    {{INIT_MISSING}}
    return 1
  fi
}
