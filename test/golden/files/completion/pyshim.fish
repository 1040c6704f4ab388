# fish completion for pyshim. Load it with: pyshim completion fish | source
complete -c pyshim -f
complete -c pyshim -n __fish_use_subcommand -a 'list add remove bootstrap init setup uninstall use default doctor completion python'
complete -c pyshim -n '__fish_seen_subcommand_from remove bootstrap use default' -a '(command pyshim __lines 2>/dev/null)'
complete -c pyshim -n '__fish_seen_subcommand_from init completion' -a 'bash zsh fish'
complete -c pyshim -n '__fish_seen_subcommand_from setup' -l shell -l dry-run -l rc-file
complete -c pyshim -n '__fish_seen_subcommand_from add' -F
