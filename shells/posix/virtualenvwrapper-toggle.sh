# shellcheck shell=bash
# pyshim's mends for old virtualenvwrapper releases in bash and zsh (its
# toggleglobalsitepackages, its site-packages finder), one definition for both
# ways virtualenvwrapper is loaded: lazy.bash / lazy.zsh read it with the lazy
# loader, and virtualenvwrapper-X.Y.sh (the shim users may source directly)
# sources it after virtualenvwrapper.sh. Not for users to source.

# Releases before 2020 (Debian's 4.8.4 among them) toggle a marker file that
# today's environments ignore, in a directory they find with distutils (gone in
# 3.12: the marker then lands at /); pyshim's toggle knows pyvenv.cfg. Call this
# after virtualenvwrapper.sh is loaded: it replaces such a release's functions.
_pyshim_vew_mend() {
  # shellcheck disable=SC2317 # the new toggleglobalsitepackages is called by name
  case $(typeset -f toggleglobalsitepackages) in
    *include-system-site-packages*) ;;
    *) toggleglobalsitepackages() { _pyshim_toggleglobalsitepackages "$@"; } ;;
  esac
  # Releases before 5 ask distutils for site-packages (cdsitepackages,
  # lssitepackages, add2virtualenv); Python 3.12 has no distutils.
  # shellcheck disable=SC2317 # called by name, by virtualenvwrapper
  case $(typeset -f virtualenvwrapper_get_site_packages_dir) in
    *distutils*) virtualenvwrapper_get_site_packages_dir() { _pyshim_site_packages_dir; } ;;
  esac
}

# The active environment's site-packages: sysconfig where the Python has it (2.7+), else distutils (2.6).
_pyshim_site_packages_dir() {
  "$VIRTUAL_ENV/${VIRTUALENVWRAPPER_ENV_BIN_DIR:-bin}/python" -c 'import sys
try:
    import sysconfig
    path = sysconfig.get_paths()["purelib"]
except ImportError:
    from distutils.sysconfig import get_python_lib
    path = get_python_lib()
sys.stdout.write(path + "\n")'
}

_pyshim_toggleglobalsitepackages() {
  if [ -z "${VIRTUAL_ENV-}" ] || [ ! -d "$VIRTUAL_ENV" ]; then
    printf '%s\n' "ERROR: no virtualenv active, or active virtualenv is missing" >&2
    return 1
  fi
  local cfg="$VIRTUAL_ENV/pyvenv.cfg" line on='' found='' text='' now
  if [ ! -f "$cfg" ]; then
    # An environment from virtualenv < 20: the marker file is the switch.
    local marker
    for marker in "$VIRTUAL_ENV"/lib/python*/no-global-site-packages.txt; do
      if [ -f "$marker" ]; then
        command rm -f "$marker" || return
        [ "${1-}" = -q ] || printf '%s\n' "Enabled global site-packages"
        return 0
      fi
    done
    for marker in "$VIRTUAL_ENV"/lib/python*/site-packages; do
      if [ -d "$marker" ]; then
        : >"${marker%/site-packages}/no-global-site-packages.txt" || return
        [ "${1-}" = -q ] || printf '%s\n' "Disabled global site-packages"
        return 0
      fi
    done
    printf '%s\n' "ERROR: $VIRTUAL_ENV has neither pyvenv.cfg nor a site-packages directory" >&2
    return 1
  fi
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      include-system-site-packages*=*[Tt][Rr][Uu][Ee]*) on=1 ;;
    esac
  done <"$cfg"
  if [ -n "$on" ]; then now=false; else now=true; fi
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      include-system-site-packages*=*)
        [ -n "$found" ] && continue
        found=1
        line="include-system-site-packages = $now"
        ;;
    esac
    text="$text$line
"
  done <"$cfg"
  [ -n "$found" ] || text="${text}include-system-site-packages = $now
"
  printf '%s' "$text" >"$cfg.pyshim-tmp" && command mv -f "$cfg.pyshim-tmp" "$cfg" || return
  if [ "${1-}" != -q ]; then
    if [ "$now" = true ]; then printf '%s\n' "Enabled global site-packages"; else printf '%s\n' "Disabled global site-packages"; fi
  fi
}
