# pyshim for fish: generated (edits here do not last). setvirtualenvproject's completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after setvirtualenvproject (unless they are read already, or setvirtualenvproject is
# someone else's function: a user's own wins).
contains -- "$HOME"/'.pyshim/fish/functions/setvirtualenvproject.fish' (functions --details setvirtualenvproject); and __pyshim_vew_load
