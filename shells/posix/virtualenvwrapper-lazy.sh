# shellcheck shell=bash
# shellcheck disable=SC2317 # the stubs are called by name
# shellcheck disable=SC2154 # _pyshim_homes comes from lazy.bash / lazy.zsh
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
    _pyshim_vew_wrap
  else
    local _pyshim_aliases='' _pyshim_status=0
    if shopt -q expand_aliases; then _pyshim_aliases=1; fi
    shopt -u expand_aliases
    # shellcheck disable=SC1090
    builtin . "$_pyshim_vew_script" && _pyshim_vew_wrap || _pyshim_status=$?
    if [ -n "$_pyshim_aliases" ]; then shopt -s expand_aliases; fi
    [ "$_pyshim_status" -eq 0 ] || return "$_pyshim_status"
  fi
  # pyshim's toggleglobalsitepackages where the release's own does not know
  # pyvenv.cfg (virtualenvwrapper-toggle.sh, which lazy.SHELL read with this file).
  _pyshim_vew_mend
}

# Environment names across homes, into the array _pyshim_envs, each once:
# $WORKON_HOME's, then each home's of lazy.SHELL's _pyshim_homes. Globs only.
_pyshim_env_names() {
  _pyshim_envs=()
  if [ -n "${ZSH_VERSION-}" ]; then setopt local_options null_glob; fi
  local env home seen='
'
  set -- '' "${WORKON_HOME-}" "${_pyshim_homes[@]}"
  while [ "$#" -ge 2 ]; do
    home=$2
    shift 2
    [ -n "$home" ] || continue
    for env in "$home"/*/bin/activate; do
      [ -f "$env" ] || continue
      env=${env%/bin/activate}
      env=${env##*/}
      case $seen in *"
$env
"*) continue ;; esac
      seen="$seen$env
"
      _pyshim_envs+=("$env")
    done
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

# zsh without compinit: virtualenvwrapper's compctl, over every home.
_pyshim_compctl_envs() {
  _pyshim_env_names
  # shellcheck disable=SC2034 # compctl -K reads it
  reply=("${_pyshim_envs[@]}")
}

# --- names across homes (docs/DESIGN.md, "Homes") ----------------------------
#
# workon, rmvirtualenv, cpvirtualenv and showvirtualenv find a NAME that is not
# in $WORKON_HOME in the other homes (lazy.SHELL's _pyshim_homes). After
# virtualenvwrapper has loaded, its own functions are kept as
# _pyshim_vew_real_NAME and NAME becomes a wrapper; `pyshim use` puts the
# stubs back, and the next load wraps that line's virtualenvwrapper again.

# Keep virtualenvwrapper's functions under another name, wrap them, and give
# their names completion over every home (virtualenvwrapper's own completes
# $WORKON_HOME only).
_pyshim_vew_wrap() {
  local name def
  for name in workon rmvirtualenv cpvirtualenv showvirtualenv; do
    if [ -n "${ZSH_VERSION-}" ]; then
      def=${functions[$name]-}
    else
      def=$(declare -f "$name") || def=
    fi
    # Missing, or still pyshim's stub: this virtualenvwrapper lacks it.
    case $def in ''|*_pyshim_vew*) continue ;; esac
    if [ -n "${ZSH_VERSION-}" ]; then
      # shellcheck disable=SC2154 # zsh's table of functions
      functions[_pyshim_vew_real_$name]=$def
    else
      eval "_pyshim_vew_real_$name${def#"$name"}"
    fi
    eval "$name() { _pyshim_vew_across $name \"\$@\"; }"
  done
  if [ -n "${ZSH_VERSION-}" ]; then
    if (( ${+functions[compdef]} )); then compdef _pyshim_compadd_envs workon rmvirtualenv cpvirtualenv showvirtualenv; fi
    if (( ${+builtins[compctl]} )); then compctl -K _pyshim_compctl_envs workon rmvirtualenv cpvirtualenv showvirtualenv; fi
  else
    complete -o default -o nospace -F _pyshim_complete_envs workon rmvirtualenv cpvirtualenv showvirtualenv
  fi
  return 0
}

# Is $1 a registered line (one of _pyshim_homes's lines)?
_pyshim_vew_is_line() {
  [ -n "$1" ] || return 1
  set -- "$1" "${_pyshim_homes[@]}"
  local line=$1
  shift
  while [ "$#" -ge 2 ]; do
    [ "$1" != "$line" ] || return 0
    shift 2
  done
  return 1
}

# Where environment $2 is, for command $1. Returns 2 when there is nothing to
# look for: no plain name (options, ".", a path), or $WORKON_HOME has it (as
# virtualenvwrapper does). Else looks in the current line's home, the other
# lines' homes, then the searched homes: returns 0 with _pyshim_found (the
# home) and _pyshim_found_version (X.Y of its lib/pythonX.Y, '' when none),
# and a note on stderr when another home has the name too; 1 when none has it.
_pyshim_vew_find() {
  local cmd=$1 name=$2 pass line home other='' otherline='' dir
  _pyshim_found='' _pyshim_found_version=''
  case $name in ''|.|..|-*|*/*) return 2 ;; esac
  if [ -n "${WORKON_HOME-}" ] && [ -d "$WORKON_HOME/$name" ]; then return 2; fi
  for pass in current others; do
    set -- "${_pyshim_homes[@]}"
    while [ "$#" -ge 2 ]; do
      line=$1 home=$2
      shift 2
      if [ -n "$line" ] && [ "$line" = "${PYSHIM_LINE-}" ]; then
        [ "$pass" = current ] || continue
      else
        [ "$pass" = others ] || continue
      fi
      if [ "$home" = "${WORKON_HOME-}" ] || [ ! -f "$home/$name/bin/activate" ]; then continue; fi
      if [ -z "$_pyshim_found" ]; then
        _pyshim_found=$home
      elif [ "$home" != "$_pyshim_found" ]; then
        other=$home otherline=$line
        break 2
      fi
    done
  done
  [ -n "$_pyshim_found" ] || return 1
  if [ -n "$other" ]; then
    if [ -n "$otherline" ] && [ "$cmd" = workon ]; then
      set -- "pyshim use $otherline; workon $name"
    else
      set -- "WORKON_HOME=$other $cmd $name"
    fi
    printf '%s\n' "pyshim: $name is in $_pyshim_found and in $other; $cmd uses the first (for the other: $1)" >&2
  fi
  if [ -n "${ZSH_VERSION-}" ]; then setopt local_options null_glob; fi
  for dir in "$_pyshim_found/$name"/lib/python*; do
    case ${dir##*/python} in
      [0-9]*.[0-9]*) [ -d "$dir" ] && _pyshim_found_version=${dir##*/python} && break ;;
    esac
  done
  return 0
}

# workon NAME … of home $1: WORKON_HOME is $1 for the activation only, and
# after it the line's home again, where mkvirtualenv makes new environments (a
# searched home is never written). virtualenvwrapper is loaded first, with the
# line's WORKON_HOME, so its hook directory is never $1. The environment's
# deactivate gets WORKON_HOME=$1 as well: virtualenvwrapper runs the
# environment's own postdeactivate hook from $WORKON_HOME/NAME.
_pyshim_vew_workon_in() {
  local def quoted
  if [ -z "${_pyshim_vew_loaded-}" ]; then _pyshim_vew_load || return; fi
  [ -n "${VIRTUALENVWRAPPER_HOOK_DIR-}" ] || local -x VIRTUALENVWRAPPER_HOOK_DIR="${WORKON_HOME-}"
  local -x WORKON_HOME="$1"
  shift
  workon "$@" || return
  if [ -n "${ZSH_VERSION-}" ]; then
    def=${functions[deactivate]-}
  else
    def=$(declare -f deactivate) || def=
    def=${def#*\{}
  fi
  # Only virtualenvwrapper's deactivate (activate's own runs no hooks).
  case $def in *env_postdeactivate_hook*) ;; *) return 0 ;; esac
  quoted=\'${WORKON_HOME//\'/\'\\\'\'}\'
  if [ -n "${ZSH_VERSION-}" ]; then
    functions[deactivate]="local -x WORKON_HOME=$quoted
$def"
  else
    eval "deactivate () { local -x WORKON_HOME=$quoted
$def"
  fi
}

# The wrapper: $1 the command, then its arguments.
_pyshim_vew_across() {
  local cmd=$1 name='' arg result=0
  shift
  case $cmd in
    workon)
      # The last word that is no option (-c, -n, -h) is the name.
      for arg in "$@"; do case $arg in -*) ;; *) name=$arg ;; esac; done
      _pyshim_vew_find workon "$name" || { _pyshim_vew_real_workon "$@"; return; }
      local was=${PYSHIM_LINE-} home=$_pyshim_found version=$_pyshim_found_version
      if [ "$version" != "$was" ] && _pyshim_vew_is_line "$version"; then
        _pyshim_use "$version" || return
        printf 'pyshim: this shell now uses the %s line%s\n' "$version" "${was:+ (was $was)}" >&2
      fi
      # The stub after a switch (it loads that line's virtualenvwrapper), else
      # this wrapper again: either way $WORKON_HOME has the name now.
      if [ "$home" = "${WORKON_HOME-}" ]; then workon "$@"; else _pyshim_vew_workon_in "$home" "$@"; fi
      ;;
    rmvirtualenv)
      # Each name on its own: they may be in different homes.
      [ "$#" -gt 0 ] || { _pyshim_vew_real_rmvirtualenv; return; }
      for name in "$@"; do
        _pyshim_vew_elsewhere rmvirtualenv "$name" || result=$?
      done
      return "$result"
      ;;
    *)
      _pyshim_vew_elsewhere "$cmd" "$@"
      ;;
  esac
}

# rmvirtualenv, cpvirtualenv, showvirtualenv NAME …: WORKON_HOME is pointed at
# the home that has NAME for this one command, and the shell's line stays.
# showvirtualenv with no name: at the home of the active environment (its
# get_env_details hook is read from $WORKON_HOME/NAME).
_pyshim_vew_elsewhere() {
  local cmd=$1
  shift
  if [ "$cmd$#" = showvirtualenv0 ] && [ -n "${VIRTUAL_ENV-}" ] && [ "${VIRTUAL_ENV%/*}" != "${WORKON_HOME-}" ] && [ -d "${VIRTUAL_ENV%/*}" ]; then
    local -x WORKON_HOME="${VIRTUAL_ENV%/*}"
    _pyshim_vew_real_showvirtualenv
  elif _pyshim_vew_find "$cmd" "${1-}"; then
    local -x WORKON_HOME="$_pyshim_found"
    "_pyshim_vew_real_$cmd" "$@"
  else
    "_pyshim_vew_real_$cmd" "$@"
  fi
}
