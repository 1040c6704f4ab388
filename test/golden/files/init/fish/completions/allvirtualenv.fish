# pyshim for fish: generated (edits here do not last). allvirtualenv's completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after allvirtualenv (unless they are read already, or allvirtualenv is
# someone else's function: a user's own wins).
contains -- "$HOME"/'.pyshim/fish/functions/allvirtualenv.fish' (functions --details allvirtualenv); and __pyshim_vew_load
