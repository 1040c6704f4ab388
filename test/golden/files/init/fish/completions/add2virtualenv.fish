# pyshim for fish: generated (edits here do not last). add2virtualenv's completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after add2virtualenv (unless they are read already, or add2virtualenv is
# someone else's function: a user's own wins).
contains -- "$HOME"/'.pyshim/fish/functions/add2virtualenv.fish' (functions --details add2virtualenv); and __pyshim_vew_load
