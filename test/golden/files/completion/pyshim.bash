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

_pyshim_complete() {
  local cur=${COMP_WORDS[COMP_CWORD]} key=pyshim pyshim_words pyshim_flags pyshim_kind i
  _pyshim_complete_spec pyshim
  # The command being typed: the words so far that name one (python, build).
  for (( i = 1; i < COMP_CWORD; i++ )); do
    if _pyshim_complete_spec "$key-${COMP_WORDS[i]}"; then key=$key-${COMP_WORDS[i]}; fi
  done
  case $cur in
    -*) mapfile -t COMPREPLY < <(compgen -W "$pyshim_flags" -- "$cur") ;;
    *)
      case $pyshim_kind in
        lines) mapfile -t COMPREPLY < <(compgen -W "$(command pyshim __lines 2>/dev/null)" -- "$cur") ;;
        files) mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
        # The versions found and not registered yet; a path once the word starts like one.
        versions)
          case $cur in
            [/.~]*) mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
            *) mapfile -t COMPREPLY < <(compgen -W "$(command pyshim __lines --found 2>/dev/null)" -- "$cur") ;;
          esac
          ;;
        *) mapfile -t COMPREPLY < <(compgen -W "$pyshim_words" -- "$cur") ;;
      esac
      ;;
  esac
}
complete -F _pyshim_complete pyshim
