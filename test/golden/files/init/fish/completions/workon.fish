# pyshim for fish: generated (edits here do not last). workon's completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after workon (unless they are read already, or workon is
# someone else's function: a user's own wins).
contains -- "$HOME"/'.pyshim/fish/functions/workon.fish' (functions --details workon); and __pyshim_vew_load
