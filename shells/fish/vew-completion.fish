# pyshim for fish: generated (edits here do not last). {{NAME}}'s completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after {{NAME}} (unless they are read already, or {{NAME}} is
# someone else's function: a user's own wins).
contains -- {{STUB}} (functions --details {{NAME}}); and __pyshim_vew_load
