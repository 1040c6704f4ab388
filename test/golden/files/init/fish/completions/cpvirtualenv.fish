# pyshim for fish: generated (edits here do not last). cpvirtualenv's completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after cpvirtualenv (unless they are read already, or cpvirtualenv is
# someone else's function: a user's own wins).
contains -- "$HOME"/'.pyshim/fish/functions/cpvirtualenv.fish' (functions --details cpvirtualenv); and __pyshim_vew_load
