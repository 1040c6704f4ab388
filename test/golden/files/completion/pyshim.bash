# bash completion for pyshim. Load it with: source <(pyshim completion bash)
_pyshim_complete() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local sub=${COMP_WORDS[1]:-}
  if [ "$COMP_CWORD" -eq 1 ]; then
    mapfile -t COMPREPLY < <(compgen -W 'list add remove bootstrap init setup uninstall use default doctor completion python' -- "$cur")
    return
  fi
  case $sub in
    remove | bootstrap | use | default)
      mapfile -t COMPREPLY < <(compgen -W "$(command pyshim __lines 2>/dev/null)" -- "$cur") ;;
    init | completion)
      mapfile -t COMPREPLY < <(compgen -W 'bash zsh fish' -- "$cur") ;;
    setup)
      mapfile -t COMPREPLY < <(compgen -W '--shell --dry-run --rc-file' -- "$cur") ;;
    add)
      mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
  esac
}
complete -F _pyshim_complete pyshim
