#compdef pyshim
# zsh completion for pyshim. Load it, after compinit, with: source <(pyshim completion zsh)
# or save it as _pyshim in a directory on fpath (before compinit).
# What each command offers is rendered from pyshim's declaration of its commands.

# _pyshim_complete_spec KEY: what the command KEY (pyshim-python-build) offers:
# pyshim_words (its subcommands or argument values), pyshim_flags (its options),
# pyshim_kind (lines, files or versions: completed at TAB time). Fails, changing
# nothing, when KEY names no command.
_pyshim_complete_spec() {
  case "${1-}" in
    pyshim)
      pyshim_words='list envs add remove bootstrap init setup uninstall use default completion doctor python'
      pyshim_flags=--version
      pyshim_kind=''
      ;;
    pyshim-list)
      pyshim_words=--json
      pyshim_flags=--json
      pyshim_kind=''
      ;;
    pyshim-envs)
      pyshim_words=--json
      pyshim_flags=--json
      pyshim_kind=''
      ;;
    pyshim-add)
      pyshim_words=''
      pyshim_flags='--python --no-bootstrap --default --workon-home'
      pyshim_kind=versions
      ;;
    pyshim-remove)
      pyshim_words=''
      pyshim_flags=''
      pyshim_kind=lines
      ;;
    pyshim-bootstrap)
      pyshim_words=''
      pyshim_flags='--with --find-links --index-url --offline --break-system-packages'
      pyshim_kind=lines
      ;;
    pyshim-init)
      pyshim_words='bash zsh fish'
      pyshim_flags=''
      pyshim_kind=''
      ;;
    pyshim-setup)
      pyshim_words='--shell --rc-file --dry-run'
      pyshim_flags='--shell --rc-file --dry-run'
      pyshim_kind=''
      ;;
    pyshim-uninstall)
      pyshim_words=--dry-run
      pyshim_flags=--dry-run
      pyshim_kind=''
      ;;
    pyshim-use)
      pyshim_words=''
      pyshim_flags=''
      pyshim_kind=lines
      ;;
    pyshim-default)
      pyshim_words=''
      pyshim_flags=''
      pyshim_kind=lines
      ;;
    pyshim-completion)
      pyshim_words='bash zsh fish'
      pyshim_flags=''
      pyshim_kind=''
      ;;
    pyshim-doctor)
      pyshim_words=--json
      pyshim_flags=--json
      pyshim_kind=''
      ;;
    pyshim-python)
      pyshim_words='build uninstall'
      pyshim_flags=''
      pyshim_kind=''
      ;;
    pyshim-python-build)
      pyshim_words='--source --mirror --sha256 --insecure --jobs --find-links --no-bootstrap'
      pyshim_flags='--source --mirror --sha256 --insecure --jobs --find-links --no-bootstrap'
      pyshim_kind=''
      ;;
    pyshim-python-uninstall)
      pyshim_words=''
      pyshim_flags=''
      pyshim_kind=''
      ;;
    *)
      return 1
      ;;
  esac
}

# _pyshim_complete_value KEY--OPTION (pyshim-add--python): what the value of
# the command's OPTION offers, in pyshim_words and pyshim_kind (files or dirs).
# Fails, changing nothing, when OPTION is not one of its options taking a value.
_pyshim_complete_value() {
  case "${1-}" in
    pyshim-add--python)
      pyshim_words=''
      pyshim_kind=files
      ;;
    pyshim-add--workon-home)
      pyshim_words=''
      pyshim_kind=dirs
      ;;
    pyshim-bootstrap--with)
      pyshim_words=virtualenvwrapper
      pyshim_kind=''
      ;;
    pyshim-bootstrap--find-links)
      pyshim_words=''
      pyshim_kind=dirs
      ;;
    pyshim-bootstrap--index-url)
      pyshim_words=''
      pyshim_kind=''
      ;;
    pyshim-setup--shell)
      pyshim_words='bash zsh fish'
      pyshim_kind=''
      ;;
    pyshim-setup--rc-file)
      pyshim_words=''
      pyshim_kind=files
      ;;
    pyshim-python-build--source)
      pyshim_words=''
      pyshim_kind=files
      ;;
    pyshim-python-build--mirror)
      pyshim_words=''
      pyshim_kind=''
      ;;
    pyshim-python-build--sha256)
      pyshim_words=''
      pyshim_kind=''
      ;;
    pyshim-python-build--jobs)
      pyshim_words=''
      pyshim_kind=''
      ;;
    pyshim-python-build--find-links)
      pyshim_words=''
      pyshim_kind=dirs
      ;;
    *)
      return 1
      ;;
  esac
}

_pyshim() {
  # compsys's own options (extendedglob for _files' patterns): a _pyshim defined
  # in pyshim's init file runs in zsh's plain emulation, which compinit's
  # functions cannot work in.
  (( ${+_comp_options} )) && setopt localoptions ${_comp_options[@]}
  local key=pyshim pyshim_words pyshim_flags pyshim_kind i
  _pyshim_complete_spec pyshim
  # The command being typed: the words so far that name one (python, build).
  for (( i = 2; i < CURRENT; i++ )); do
    if _pyshim_complete_spec "$key-${words[i]}"; then key=$key-${words[i]}; fi
  done
  # The option taking a value that this word is for: --python=/x (only the
  # value is completed), or the word before (--python /x).
  if [[ $PREFIX == --*=* ]] && _pyshim_complete_value "$key${PREFIX%%=*}"; then
    compset -P '*='
  elif [[ ${words[CURRENT-1]} == --* ]] && _pyshim_complete_value "$key${words[CURRENT-1]}"; then
    :
  elif [[ $PREFIX == -* ]]; then
    compadd -- ${=pyshim_flags}
    return
  fi
  case $pyshim_kind in
    lines) compadd -- ${(f)"$(command pyshim __lines 2>/dev/null)"} ;;
    files) _files ;;
    dirs) _files -/ ;;
    # The versions found and not registered yet; a path once the word starts like one.
    versions)
      if [[ $PREFIX == [/.~]* ]]; then
        _files
      else
        compadd -- ${(f)"$(command pyshim __lines --found 2>/dev/null)"}
      fi
      ;;
    *) compadd -- ${=pyshim_words} ;;
  esac
}
# Installed as _pyshim on fpath, this file is the body compinit autoloads on the
# first TAB (it registered it from the #compdef line): that run must complete
# too. Sourced, it registers _pyshim, once compinit has defined compdef.
if [[ $funcstack[1] == _pyshim ]]; then
  _pyshim "$@"
elif (( $+functions[compdef] )); then
  compdef _pyshim pyshim
fi
