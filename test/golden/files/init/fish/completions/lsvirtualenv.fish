# pyshim for fish: generated (edits here do not last). lsvirtualenv's completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after lsvirtualenv (unless they are read already, or lsvirtualenv is
# someone else's function: a user's own wins).
contains -- "$HOME"/'.pyshim/fish/functions/lsvirtualenv.fish' (functions --details lsvirtualenv); and __pyshim_vew_load
