# pyshim's completion for fish, loaded by fish on the first Tab after `pyshim`
# (init.fish puts this file's directory on fish_complete_path). The program
# prints the completions, rendered from its declaration of its commands.
command pyshim completion fish 2>/dev/null | source
