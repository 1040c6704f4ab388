# shellcheck shell=bash
# shellcheck disable=SC2317 # the stubs are called by name
# pyshim's lazy loader for virtualenvwrapper in bash and zsh. Not for users to
# source: lazy.bash / lazy.zsh (the generated end of init.bash / init.zsh) read
# it the first time a virtualenvwrapper command runs, `pyshim use` runs or
# environment names are completed, and it replaces init.bash's and init.zsh's
# trampolines (_pyshim_vew, _pyshim_vew_run, _pyshim_complete_envs, …) with
# the real ones.

# The same stubs as init.bash and init.zsh define (test/init checks the lists agree).
_pyshim_vew_stubs() {
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
}

# bash's start-up stubs call this one by the shortest text (name() { _pyshim_vew "$@"; }).
_pyshim_vew() { _pyshim_vew_run "${FUNCNAME[1]}" "$@"; }

_pyshim_vew_run() {
  if [ -n "${_pyshim_vew_loaded-}" ]; then
    # Loaded, yet the stub is still here: that virtualenvwrapper lacks the command.
    printf '%s\n' "pyshim: $1 is not provided by ${VIRTUALENVWRAPPER_SCRIPT-virtualenvwrapper.sh}" >&2
    return 127
  fi
  _pyshim_vew_load || return
  "$@"
}

_pyshim_vew_load() {
  if [ -z "${_pyshim_vew_script-}" ]; then
    printf '%s\n' "pyshim: no virtualenvwrapper.sh was found for the ${PYSHIM_LINE-} line" \
      "  try: pyshim bootstrap ${PYSHIM_LINE-X.Y} --with virtualenvwrapper" >&2
    return 1
  fi
  if [ ! -f "$_pyshim_vew_script" ] || [ ! -r "$_pyshim_vew_script" ]; then
    printf '%s\n' "pyshim: $_pyshim_vew_script is gone" "  run: pyshim doctor" >&2
    return 1
  fi
  export VIRTUALENVWRAPPER_SCRIPT="$_pyshim_vew_script"
  _pyshim_vew_loaded=1
  # The user's aliases (`alias .=…`, from dotfiles) must not rewrite
  # virtualenvwrapper's functions as they are parsed: expand none while it loads.
  if [ -n "${ZSH_VERSION-}" ]; then
    builtin setopt localoptions noaliases
    # shellcheck disable=SC1090
    builtin . "$_pyshim_vew_script" || return
  else
    local _pyshim_aliases='' _pyshim_status=0
    if shopt -q expand_aliases; then _pyshim_aliases=1; fi
    shopt -u expand_aliases
    # shellcheck disable=SC1090
    builtin . "$_pyshim_vew_script" || _pyshim_status=$?
    if [ -n "$_pyshim_aliases" ]; then shopt -s expand_aliases; fi
    [ "$_pyshim_status" -eq 0 ] || return "$_pyshim_status"
  fi
  # pyshim's toggleglobalsitepackages where the release's own does not know
  # pyvenv.cfg (virtualenvwrapper-toggle.sh, which lazy.SHELL read with this file).
  _pyshim_vew_take_toggle
}

# Environment names in $WORKON_HOME, into the array _pyshim_envs. Globs only.
_pyshim_env_names() {
  _pyshim_envs=()
  if [ -n "${ZSH_VERSION-}" ]; then setopt local_options null_glob; fi
  local env
  for env in "$WORKON_HOME"/*/bin/activate; do
    [ -f "$env" ] || continue
    env=${env%/bin/activate}
    _pyshim_envs+=("${env##*/}")
  done
}

# bash: complete -F
_pyshim_complete_envs() {
  local cur=${COMP_WORDS[COMP_CWORD]} env
  COMPREPLY=()
  _pyshim_env_names
  for env in "${_pyshim_envs[@]}"; do
    case $env in
      "$cur"*) COMPREPLY+=("$env") ;;
    esac
  done
}

# zsh: compdef (compinit)
_pyshim_compadd_envs() {
  _pyshim_env_names
  compadd -a _pyshim_envs
}
