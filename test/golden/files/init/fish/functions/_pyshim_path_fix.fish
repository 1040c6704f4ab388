# pyshim for fish: generated (edits here do not last). init.fish's PATH guard
# calls this when PATH changed and lost pyshim's shims (a config.fish that
# sets PATH outright): they go back first, after an active environment.
function _pyshim_path_fix
    if not contains -- "$HOME"/'.pyshim/bin' $PATH
        if set -q VIRTUAL_ENV[1]; and test "$PATH[1]" = "$VIRTUAL_ENV/bin"
            set -gx PATH $PATH[1] "$HOME"/'.pyshim/bin' $PATH[2..-1]
        else
            set -gx PATH "$HOME"/'.pyshim/bin' $PATH
        end
    end
end
