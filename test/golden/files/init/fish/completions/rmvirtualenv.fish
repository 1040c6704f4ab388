# pyshim for fish: generated (edits here do not last). rmvirtualenv's completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after rmvirtualenv (unless they are read already, or rmvirtualenv is
# someone else's function: a user's own wins).
contains -- "$HOME"/'.pyshim/fish/functions/rmvirtualenv.fish' (functions --details rmvirtualenv); and __pyshim_vew_load
