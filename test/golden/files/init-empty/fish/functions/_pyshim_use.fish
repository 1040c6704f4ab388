# pyshim for fish: generated from its registry (`pyshim add`, `remove` and
# `default` rewrite it, so edits here do not last); fish loads it on first
# use from pyshim's functions directory.
#
# Switch this shell to a line, silently (`pyshim use`, and a shell that
# inherited another line than the default): one arm per registered line,
# every value baked in, nothing runs to find it.
function _pyshim_use
    switch "$argv[1]"
        case '*'
            printf 'pyshim: error: %s is not a registered line (registered: none)\\n  register it first: pyshim add %s\\n' "$argv[1]" "$argv[1]" >&2
            return 1
    end
end
