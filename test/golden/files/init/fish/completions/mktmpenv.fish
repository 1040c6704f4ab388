# pyshim for fish: generated (edits here do not last). mktmpenv's completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after mktmpenv (unless they are read already, or mktmpenv is
# someone else's function: a user's own wins).
contains -- "$HOME"/'.pyshim/fish/functions/mktmpenv.fish' (functions --details mktmpenv); and __pyshim_vew_load
