# pyshim for fish: generated (edits here do not last). init.fish's PATH guard
# calls this when PATH changed and lost pyshim's shims (a config.fish that
# sets PATH outright): they go back first, after an active environment.
function _pyshim_path_fix
    {{PATH_AGAIN}}
end
