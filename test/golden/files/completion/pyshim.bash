# bash completion for pyshim. Load it with: source <(pyshim completion bash)
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

# _pyshim_complete_paths -f|-d: file or directory names for $cur, shown and
# quoted as names (a directory gets its /, a space its backslash); compopt
# works only while bash completes, so its failure elsewhere is quiet.
_pyshim_complete_paths() {
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(compgen "$1" -- "$cur")
}

_pyshim_complete() {
  local cur=${COMP_WORDS[COMP_CWORD]} key=pyshim pyshim_words pyshim_flags pyshim_kind i
  _pyshim_complete_spec pyshim
  # The command being typed: the words so far that name one (python, build).
  for (( i = 1; i < COMP_CWORD; i++ )); do
    if _pyshim_complete_spec "$key-${COMP_WORDS[i]}"; then key=$key-${COMP_WORDS[i]}; fi
  done
  # The option taking a value that this word is for: the word before
  # (--python /x), or --python=/x, which bash splits at the = (COMP_WORDBREAKS)
  # into --python, = and /x, the = being the word while nothing follows it.
  local prev=${COMP_WORDS[COMP_CWORD-1]} value=$cur
  if [[ $cur == = ]]; then
    value=''
  elif [[ $prev == = ]] && (( COMP_CWORD > 2 )); then
    prev=${COMP_WORDS[COMP_CWORD-2]}
  fi
  if [[ $prev == --* ]] && _pyshim_complete_value "$key$prev"; then
    cur=$value
  elif [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$pyshim_flags" -- "$cur")
    return
  fi
  case $pyshim_kind in
    lines) mapfile -t COMPREPLY < <(compgen -W "$(command pyshim __lines 2>/dev/null)" -- "$cur") ;;
    files) _pyshim_complete_paths -f ;;
    dirs) _pyshim_complete_paths -d ;;
    # The versions found and not registered yet; a path once the word starts like one.
    versions)
      case $cur in
        [/.~]*) _pyshim_complete_paths -f ;;
        *) mapfile -t COMPREPLY < <(compgen -W "$(command pyshim __lines --found 2>/dev/null)" -- "$cur") ;;
      esac
      ;;
    *) mapfile -t COMPREPLY < <(compgen -W "$pyshim_words" -- "$cur") ;;
  esac
}
complete -F _pyshim_complete pyshim
