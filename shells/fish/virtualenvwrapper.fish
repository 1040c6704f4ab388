# virtualenvwrapper's commands for fish, from pyshim.
#
# virtualenvwrapper has no fish support, so this file gives fish its 19
# commands (mkvirtualenv, workon, deactivate, rmvirtualenv, lsvirtualenv,
# showvirtualenv, cpvirtualenv, allvirtualenv, mktmpenv, mkproject,
# setvirtualenvproject, cdproject, cdvirtualenv, cdsitepackages,
# lssitepackages, add2virtualenv, wipeenv, toggleglobalsitepackages,
# virtualenvwrapper) over the same $WORKON_HOME: an environment made by
# virtualenvwrapper in bash or zsh is usable here, and one made here is usable
# there. pyshim's init.fish sources this file after setting, for the current
# version line, WORKON_HOME, VIRTUALENVWRAPPER_VIRTUALENV (that line's
# virtualenv-X.Y shim), VIRTUALENVWRAPPER_PYTHON and PYSHIM_LINE.
#
# Sourcing it only defines functions and completions: nothing runs a process
# until the user calls a command. Parsing it still costs fish a few ms, so
# fish loads small stubs from pyshim's functions directory that source it on
# first use (as virtualenvwrapper_lazy.sh does for bash), and a completion
# file per command it completes that sources it on the first Tab.
#
# Start-up. The first command after fish starts, or after `pyshim use`
# switches the line, does what virtualenvwrapper does when bash loads it:
# makes $WORKON_HOME and the hook directory ($VIRTUALENVWRAPPER_HOOK_DIR,
# else $WORKON_HOME) if missing, writes the global hook templates that are
# missing, and sources the initialize hook. A command that later finds
# $WORKON_HOME missing says "NOTE: Virtual environments directory ... does not
# exist. Creating..." and makes it, as virtualenvwrapper does.
#
# Names across homes, as pyshim's wrappers of virtualenvwrapper in bash and
# zsh: workon, rmvirtualenv, cpvirtualenv, showvirtualenv and the completion
# of names also find an environment that is not in $WORKON_HOME in the other
# lines' homes, ~/.virtualenvs and the shared homes (the "homes" section).
#
# Hooks, as virtualenvwrapper runs them:
# - Run-type hooks are programs, run from $WORKON_HOME with virtualenvwrapper's
#   arguments; their exit status is ignored. From the hook directory:
#   premkvirtualenv NAME, prermvirtualenv NAME, postrmvirtualenv NAME,
#   precpvirtualenv SOURCE-DIR NAME, premkproject NAME, preactivate NAME,
#   get_env_details NAME; from the environment's bin/ as well: preactivate
#   NAME and get_env_details NAME. A hook that is only comments (the
#   templates) is not started; one that is not executable gets a one-line
#   error.
# - Source-type hooks (initialize, postmkvirtualenv, postcpvirtualenv,
#   postmkproject, postactivate, predeactivate, postdeactivate) are sh scripts
#   made to be *sourced* into the shell: fish cannot source sh, and running
#   them in a child sh could not change this shell. So, as virtualfish does,
#   fish sources a twin with ".fish" appended instead (postactivate.fish, in
#   the hook directory or in the environment's bin/, wherever the sh hook
#   would be), in virtualenvwrapper's order: on the way in the global hook
#   first, on the way out the environment's own first. An sh hook that has
#   commands and no .fish twin gets a one-line note, never silence. A hook
#   sourced from here runs inside a function: it should use `set -g`/`-gx`.
#   While the postdeactivate hooks run, VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV
#   names the environment just left. A project's own hooks (virtualenvwrapper
#   6: PROJECT/.virtualenvwrapper/postactivate and predeactivate) likewise
#   have .fish twins.
# - New environments get virtualenvwrapper's hook templates in bin/
#   (predeactivate, postdeactivate, preactivate, postactivate,
#   get_env_details), the same bytes as virtualenvwrapper writes, so bash and
#   zsh find what they expect. mktmpenv's clean-up is written twice: in sh into
#   bin/postdeactivate (for bash and zsh) and in fish into
#   bin/postdeactivate.fish.
# - mkproject -t TEMPLATE runs virtualenvwrapper's template plugins through
#   $VIRTUALENVWRAPPER_PYTHON's virtualenvwrapper.hook_loader, when that Python
#   has it; other Python plugins of virtualenvwrapper are not run.
#
# Where pyshim differs on purpose: errors go to stderr in pyshim's words, and
# usage errors exit 2; listing no environment (workon, lsvirtualenv -b) is no
# failure; an environment name is one directory inside $WORKON_HOME (never a
# path, "." or ".."), so rmvirtualenv cannot delete outside it; the
# site-packages directory is found without starting Python (cdsitepackages
# works on 3.12, where virtualenvwrapper 4's distutils query fails); wipeenv
# takes the names from `pip list` rather than parsing `pip freeze`, and keeps
# exactly the packages virtualenvwrapper means to keep (it keeps any whose line
# merely contains "six" or "packaging").
#
# Written for fish 3 (`builtin realpath`, `math`, `string`); tested with fish 3.6.

# --- helpers (private: the __pyshim_vew_ prefix) ---------------------------

# The first command of a line does what loading virtualenvwrapper.sh does
# (see "Start-up" above). Quiet, like virtualenvwrapper_initialize.
function __pyshim_vew_initialize
    if set -q __pyshim_vew_initialized; and test "$__pyshim_vew_initialized" = "$PYSHIM_LINE"
        return 0
    end
    set -g __pyshim_vew_initialized "$PYSHIM_LINE"
    test -d "$WORKON_HOME/"; or command mkdir -p -- "$WORKON_HOME"; or return 1
    set -l hook_dir (__pyshim_vew_hook_dir)
    test -d "$hook_dir/"; or command mkdir -p -- "$hook_dir"; or return 1
    __pyshim_vew_make_hooks global $hook_dir
    __pyshim_vew_source_hooks $hook_dir/initialize
    return 0
end

# $WORKON_HOME must be set (pyshim sets it per line); initialize; then, as
# virtualenvwrapper_verify_workon_home, make it (with a note) if it is gone.
function __pyshim_vew_need_home --argument-names cmd
    if test -z "$WORKON_HOME"
        printf '%s\n' "$cmd: WORKON_HOME is not set, so there is no place for virtual environments" \
            "  run: pyshim use X.Y (or pyshim setup --shell fish, then start a new fish)" >&2
        return 1
    end
    __pyshim_vew_initialize
    if not test -d "$WORKON_HOME/"
        printf 'NOTE: Virtual environments directory %s does not exist. Creating...\n' "$WORKON_HOME" >&2
        command mkdir -p -- "$WORKON_HOME"; or return 1
    end
    return 0
end

function __pyshim_vew_need_active --argument-names cmd
    if test -z "$VIRTUAL_ENV"; or not test -d "$VIRTUAL_ENV"
        printf '%s\n' "$cmd: no virtual environment is active" "  run: workon NAME" >&2
        return 1
    end
    return 0
end

# A name is one directory inside $WORKON_HOME: never a path, never . or ..
# (rmvirtualenv deletes what the name points to).
function __pyshim_vew_check_name --argument-names cmd name
    if test -z "$name"; or string match -q -- '*/*' "$name"; or contains -- "$name" . ..
        printf '%s\n' "$cmd: '$name' is not an environment name" \
            "  a name is one directory inside $WORKON_HOME: no '/', not '.' or '..'" >&2
        return 2
    end
    return 0
end

function __pyshim_vew_usage --argument-names cmd usage
    printf '%s\n' "$cmd: $usage" "  see: $cmd --help" >&2
    return 2
end

# Environment names in $WORKON_HOME (or the directory given), one per line,
# in glob order (sorted). An environment is a directory with bin/activate
# (virtualenvwrapper's own test) or bin/activate.fish.
function __pyshim_vew_home_names --argument-names home
    test -n "$home"; or set home $WORKON_HOME
    test -n "$home"; or return 1
    for dir in $home/*/
        if test -f $dir/bin/activate.fish; or test -f $dir/bin/activate
            string replace -r -- '^.*/([^/]+)/+$' '$1' $dir
        end
    end
end

# The names of every home, each once ($WORKON_HOME's first), for completion.
function __pyshim_vew_names
    set -l seen
    set -l homes $WORKON_HOME
    for i in (__pyshim_vew_pairs)
        set -a homes $__pyshim_vew_homes[(math $i + 1)]
    end
    for home in $homes
        test -n "$home"; or continue
        for name in (__pyshim_vew_home_names $home)
            contains -- $name $seen; and continue
            set -a seen $name
            echo $name
        end
    end
end

# --- homes (docs/DESIGN.md, "Homes") -----------------------------------------
#
# workon, rmvirtualenv, cpvirtualenv and showvirtualenv find a NAME that is not
# in $WORKON_HOME in the other homes: __pyshim_vew_homes, pairs of line ('' for
# a searched home) and directory, set by lazy.fish, which pyshim generates in
# its data directory, beside the runtime/ directory this file is copied to.

# The index of each pair's line in __pyshim_vew_homes: 1 3 5 … The first call
# reads lazy.fish (sourcing this file sets nothing).
function __pyshim_vew_pairs
    if not set -q __pyshim_vew_homes
        set -l lazy (string replace -r -- '/runtime/virtualenvwrapper\.fish$' /lazy.fish (functions --details __pyshim_vew_pairs))
        if string match -q -- '*/lazy.fish' $lazy; and test -r $lazy
            source $lazy
        end
        set -q __pyshim_vew_homes; or set -g __pyshim_vew_homes
    end
    set -l n (count $__pyshim_vew_homes)
    set -l i 1
    while test $i -lt $n
        echo $i
        set i (math $i + 2)
    end
end

# Is $line a registered line (one of __pyshim_vew_homes's lines)?
function __pyshim_vew_is_line --argument-names line
    test -n "$line"; or return 1
    for i in (__pyshim_vew_pairs)
        test "$__pyshim_vew_homes[$i]" = "$line"; and return 0
    end
    return 1
end

# Where environment NAME is, for command CMD. Status 2 when there is nothing
# to look for: no plain name, or $WORKON_HOME has it (as virtualenvwrapper
# does). Else looks in the current line's home, the other lines' homes, then
# the searched homes: status 0 with __pyshim_vew_found (the home) and
# __pyshim_vew_found_version (X.Y of its lib/pythonX.Y, '' when none) set, and
# a note on stderr when another home has the name too; 1 when none has it.
function __pyshim_vew_find --argument-names cmd name
    set -g __pyshim_vew_found
    set -g __pyshim_vew_found_version
    if test -z "$name"; or string match -q -- '*/*' $name; or string match -q -- '-*' $name; or contains -- $name . ..
        return 2
    end
    test -n "$WORKON_HOME"; and test -d "$WORKON_HOME/$name"; and return 2
    set -l other
    set -l otherline
    for pass in current others
        for i in (__pyshim_vew_pairs)
            set -l line $__pyshim_vew_homes[$i]
            set -l home $__pyshim_vew_homes[(math $i + 1)]
            if test -n "$line" -a "$line" = "$PYSHIM_LINE"
                test $pass = current; or continue
            else
                test $pass = others; or continue
            end
            test "$home" != "$WORKON_HOME"; and test -f $home/$name/bin/activate; or continue
            if test -z "$__pyshim_vew_found"
                set -g __pyshim_vew_found $home
            else if test "$home" != "$__pyshim_vew_found"
                set other $home
                set otherline $line
                break
            end
        end
        test -n "$other"; and break
    end
    test -n "$__pyshim_vew_found"; or return 1
    if test -n "$other"
        set -l choose "WORKON_HOME=$other $cmd $name"
        test -n "$otherline" -a "$cmd" = workon; and set choose "pyshim use $otherline; workon $name"
        printf '%s\n' "pyshim: $name is in $__pyshim_vew_found and in $other; $cmd uses the first (for the other: $choose)" >&2
    end
    set -g __pyshim_vew_found_version (string replace -rf -- '^.*/python([0-9]+\.[0-9]+)$' '$1' $__pyshim_vew_found/$name/lib/python*)[1]
    return 0
end

# Run CMD ARGS… with WORKON_HOME pointed at HOME for this one command (an
# environment found there); the shell's line stays.
function __pyshim_vew_in --argument-names home cmd
    set -l saved $WORKON_HOME
    set -l saved_hooks $__pyshim_vew_hooks_of
    set -gx WORKON_HOME $home
    set -g __pyshim_vew_hooks_of $saved $home
    $cmd $argv[3..-1]
    set -l result $status
    set -gx WORKON_HOME $saved
    set -g __pyshim_vew_hooks_of $saved_hooks
    return $result
end

# Subdirectories of a directory, relative to it, for cd completions.
function __pyshim_vew_subdirs --argument-names base
    test -n "$base"; or return 0
    set -l token (commandline -ct)
    for dir in $base/$token*/
        string replace -- "$base/" '' $dir
    end
end

# The last path component: basename without a process.
function __pyshim_vew_basename --argument-names path
    string replace -r -- '^.*/' '' (string trim -r -c / -- $path)
    return 0
end

# PATH made absolute and normalized without resolving links, like Python's
# os.path.abspath (what virtualenvwrapper writes into .project and .pth files).
function __pyshim_vew_abspath --argument-names path
    string match -q -- '/*' $path; or set path $PWD/$path
    set -l parts
    for part in (string split -- / $path)
        switch $part
            case '' .
            case ..
                set -q parts[1]; and set -e parts[-1]
            case '*'
                set -a parts $part
        end
    end
    if set -q parts[1]
        printf '/%s' $parts
        echo
    else
        echo /
    end
end

# Is ENV the active environment? Compares real paths: activate names the
# directory as it was made (maybe through a symlink, or another spelling of
# $WORKON_HOME).
function __pyshim_vew_is_active --argument-names env
    test -n "$VIRTUAL_ENV"; or return 1
    set -l real_env (builtin realpath -- $env 2>/dev/null); or return 1
    set -l real_active (builtin realpath -- $VIRTUAL_ENV 2>/dev/null); or return 1
    test "$real_env" = "$real_active"
end

# VIRTUALENVWRAPPER_HOOK_DIR, else $WORKON_HOME — but the hooks stay in the
# line's home while WORKON_HOME points at another home for an environment
# found there (__pyshim_vew_hooks_of: that line's home, the home pointed at):
# a searched home is never written.
function __pyshim_vew_hook_dir
    if test -n "$VIRTUALENVWRAPPER_HOOK_DIR"
        echo $VIRTUALENVWRAPPER_HOOK_DIR
    else if set -q __pyshim_vew_hooks_of[2]; and test "$__pyshim_vew_hooks_of[2]" = "$WORKON_HOME"
        echo $__pyshim_vew_hooks_of[1]
    else
        echo $WORKON_HOME
    end
end

# Does a hook do anything (a line that is not blank and not a comment)?
# virtualenvwrapper's templates are comments only.
function __pyshim_vew_has_commands --argument-names file
    string match -qvr -- '^\s*(#|$)' <$file
end

# One hook template as virtualenvwrapper writes it (user_scripts.py and
# project.py): "run" or "source", then its comment lines. SCOPE is global (the
# hook directory) or env (an environment's bin/).
function __pyshim_vew_hook_template --argument-names scope hook
    set -l which every
    test $scope = env; and set which this
    switch $hook
        case initialize
            printf '%s\n' source 'This hook is sourced during the startup phase when loading virtualenvwrapper.sh.'
        case premkvirtualenv
            printf '%s\n' run 'This hook is run after a new virtualenv is created and before it is activated.' '# argument: name of new environment'
        case postmkvirtualenv
            printf '%s\n' source 'This hook is sourced after a new virtualenv is activated.'
        case prermvirtualenv
            printf '%s\n' run 'This hook is run before a virtualenv is deleted.' '# argument: full path to environment directory'
        case postrmvirtualenv
            printf '%s\n' run 'This hook is run after a virtualenv is deleted.' '# argument: full path to environment directory'
        case predeactivate
            printf '%s\n' source "This hook is sourced before $which virtualenv is deactivated."
        case postdeactivate
            printf '%s\n' source "This hook is sourced after $which virtualenv is deactivated."
        case preactivate
            if test $scope = env
                printf '%s\n' run 'This hook is run before this virtualenv is activated.'
            else
                printf '%s\n' run 'This hook is run before every virtualenv is activated.' '# argument: environment name'
            end
        case postactivate
            printf '%s\n' source "This hook is sourced after $which virtualenv is activated."
        case get_env_details
            if test $scope = env
                printf '%s\n' run "This hook is run when the list of virtualenvs is printed in 'long' mode so each name can include details." '# argument: environment name'
            else
                printf '%s\n' run 'This hook is run when the list of virtualenvs is printed so each name can include details.' '# argument: environment name'
            end
        case premkproject
            printf '%s\n' run 'This hook is run after a new project is created and before it is activated.'
        case postmkproject
            printf '%s\n' run 'This hook is run after a new project is activated.'
    end
end

# Write the hook templates missing from DIR, as virtualenvwrapper does: global
# ones in the hook directory, an environment's own in its bin/. Never replaces
# a file; run-type hooks are made executable (0755), sourced ones not (0644).
function __pyshim_vew_make_hooks --argument-names scope dir
    set -l hooks predeactivate postdeactivate preactivate postactivate get_env_details
    test $scope = global; and set hooks premkproject postmkproject initialize premkvirtualenv postmkvirtualenv \
        prermvirtualenv postrmvirtualenv predeactivate postdeactivate preactivate postactivate get_env_details
    set -l shell /bin/sh
    test -n "$SHELL"; and set shell $SHELL
    set -l run
    set -l sourced
    for hook in $hooks
        set -l file $dir/$hook
        test -e $file; and continue
        set -l template (__pyshim_vew_hook_template $scope $hook)
        printf 'virtualenvwrapper.user_scripts creating %s\n' $file >&2
        set -l more $template
        set -e more[1..2]
        begin
            printf '#!%s\n# %s\n' $shell $template[2]
            set -q more[1]; and printf '%s\n' $more
            echo
        end >$file; or continue
        if test $template[1] = run
            set -a run $file
        else
            set -a sourced $file
        end
    end
    set -q run[1]; and command chmod 755 $run
    set -q sourced[1]; and command chmod 644 $sourced
    return 0
end

# Run one run-type hook as virtualenvwrapper does: a program, started from
# $WORKON_HOME, with the event's arguments; its exit status is ignored.
function __pyshim_vew_run_hook --argument-names hook
    test -f "$hook"; or return 0
    __pyshim_vew_has_commands $hook; or return 0
    if not test -x $hook
        printf '%s\n' "could not run the hook $hook: Permission denied (it is not executable)" "  run: chmod +x $hook" >&2
        return 0
    end
    set -l args $argv
    set -e args[1]
    set -lx VIRTUALENVWRAPPER_HOOK_DIR (__pyshim_vew_hook_dir)
    __pyshim_vew_run_in $WORKON_HOME $hook $args
    return 0
end

# Run a program from DIR. A child sh changes directory, so this shell's $PWD
# (and whatever watches it) stays put.
function __pyshim_vew_run_in --argument-names dir
    set -l program $argv
    set -e program[1]
    command sh -c 'cd -- "$1" && shift && exec "$@"' pyshim $dir $program
end

# Source the fish twin of each sh hook given, in the order given; an sh hook
# with commands and no twin gets a note.
function __pyshim_vew_source_hooks
    for script in $argv
        if test -f $script.fish
            source $script.fish
        else if test -f $script; and __pyshim_vew_has_commands $script
            printf '%s\n' "note: $script is an sh hook and is not run in fish (put fish commands in $script.fish)" >&2
        end
    end
    return 0
end

# Whether workon (and mktmpenv) cd by default: VIRTUALENVWRAPPER_WORKON_CD, else yes.
function __pyshim_vew_workon_cd
    if set -q VIRTUALENVWRAPPER_WORKON_CD
        echo $VIRTUALENVWRAPPER_WORKON_CD
    else
        echo 1
    end
end

function __pyshim_vew_project_file --argument-names env
    set -l name .project
    test -n "$VIRTUALENVWRAPPER_PROJECT_FILENAME"; and set name $VIRTUALENVWRAPPER_PROJECT_FILENAME
    echo $env/$name
end

# The project directory recorded for an environment, if any.
function __pyshim_vew_project --argument-names env
    set -l file (__pyshim_vew_project_file $env)
    test -f $file; or return 1
    read -l project <$file
    test -n "$project"; or return 1
    echo $project
end

# activate.fish defines `deactivate`; put a wrapper around it that runs the
# deactivate hooks. The original is kept under another name and, like the
# original, the wrapper removes itself after use.
function __pyshim_vew_wrap_deactivate
    functions -q deactivate; or return 0
    functions -q __pyshim_vew_env_deactivate; and functions -e __pyshim_vew_env_deactivate
    functions -c deactivate __pyshim_vew_env_deactivate
    functions -e deactivate
    function deactivate --description 'Leave the virtual environment (restores PATH and prompt)'
        set -l old_env $VIRTUAL_ENV
        set -l hook_dir (__pyshim_vew_hook_dir)
        set -l pre $old_env/bin/predeactivate $hook_dir/predeactivate
        set -l project (__pyshim_vew_project $old_env)
        and set -a pre $project/.virtualenvwrapper/predeactivate
        __pyshim_vew_source_hooks $pre
        __pyshim_vew_env_deactivate $argv
        set -l result $status
        functions -e __pyshim_vew_env_deactivate
        # "nondestructive" comes from an activate script that defines its own
        # deactivate next; the original erased itself otherwise. Either way
        # this wrapper has no environment left to leave.
        functions -q deactivate; and functions -e deactivate
        # $WORKON_HOME/NAME, as virtualenvwrapper says, unless the environment
        # came from another home.
        set -l last (string trim -r -c / -- $WORKON_HOME)/(__pyshim_vew_basename $old_env)
        set -l real_last (builtin realpath -- $last 2>/dev/null)
        set -l real_old (builtin realpath -- $old_env 2>/dev/null)
        test "$real_last" = "$real_old"; or set last $old_env
        set -g VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV $last
        __pyshim_vew_source_hooks $old_env/bin/postdeactivate $hook_dir/postdeactivate
        set -e VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV
        return $result
    end
end

# The site-packages directory of the active environment, found by its layout
# (lib/pythonX.Y/site-packages, PyPy's lib/pypyX.Y/site-packages or
# site-packages), else by asking its Python.
function __pyshim_vew_site_packages --argument-names cmd
    test -n "$VIRTUAL_ENV"; or return 1
    set -l found $VIRTUAL_ENV/lib/python*/site-packages/ $VIRTUAL_ENV/lib/pypy*/site-packages/ $VIRTUAL_ENV/site-packages/
    if test (count $found) -ne 1
        set found ($VIRTUAL_ENV/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])' 2>/dev/null)
    end
    if test (count $found) -ne 1; or not test -d "$found[1]"
        printf '%s\n' "$cmd: the active environment $VIRTUAL_ENV does not appear to have a site-packages directory" >&2
        return 1
    end
    string trim -r -c / -- $found[1]
    return 0
end

# One environment's details, for showvirtualenv and lsvirtualenv: its Python
# version and project (pyshim's), then what the get_env_details hooks print.
function __pyshim_vew_details --argument-names name
    set -l env $WORKON_HOME/$name
    if test -f $env/pyvenv.cfg
        set -l py_version (string replace -rf -- '^\s*version(_info)?\s*=\s*([0-9]+\.[0-9]+\.[0-9]+).*$' '$2' <$env/pyvenv.cfg)
        test -n "$py_version[1]"; and printf '%s\n' "python $py_version[1]"
    end
    set -l project (__pyshim_vew_project $env); and printf '%s\n' "project $project"
    __pyshim_vew_run_hook (__pyshim_vew_hook_dir)/get_env_details $name
    __pyshim_vew_run_hook $env/bin/get_env_details $name
    echo
end

# --- the commands -----------------------------------------------------------

function workon --description 'List virtual environments, or activate one'
    set -l cd_project (__pyshim_vew_workon_cd)
    set -l names
    for arg in $argv
        switch $arg
            case -h --help
                printf '%s\n' 'Usage: workon                 list the environments in $WORKON_HOME' \
                    '       workon [-c|-n] NAME    leave the active environment and activate NAME' \
                    '  -c, --cd     cd to the project directory of NAME (the default)' \
                    '  -n, --no-cd  do not cd to the project directory' \
                    '       workon .               the environment named like the current directory'
                return 0
            case -n --no-cd
                set cd_project 0
            case -c --cd
                set cd_project 1
            case '-*'
                __pyshim_vew_usage workon "unknown option $arg"
                return
            case '*'
                set -a names $arg
        end
    end
    if test (count $names) -gt 1
        __pyshim_vew_usage workon "one environment at a time (got: $names)"
        return
    end
    set -l name $names[1]
    test "$name" = .; and set name (__pyshim_vew_basename $PWD)
    if set -q names[1]
        __pyshim_vew_check_name workon $name; or return
    end
    __pyshim_vew_need_home workon; or return
    if not set -q names[1]
        __pyshim_vew_home_names
        return 0
    end
    set -l env $WORKON_HOME/$name
    # Elsewhere: switch to its line (as `pyshim use` does), then activate it
    # from its home.
    if not test -d $env; and __pyshim_vew_find workon $name
        set -l home $__pyshim_vew_found
        set -l found_line $__pyshim_vew_found_version
        set -l was $PYSHIM_LINE
        if test "$found_line" != "$was"; and __pyshim_vew_is_line $found_line; and functions -q _pyshim_use
            _pyshim_use $found_line; or return
            set -l from
            test -n "$was"; and set from " (was $was)"
            printf '%s\n' "pyshim: this shell now uses the $found_line line$from" >&2
        end
        # WORKON_HOME is that home for the activation only: after it, the
        # line's home again, where mkvirtualenv makes new environments.
        if test "$home" != "$WORKON_HOME"
            __pyshim_vew_in $home workon $argv
        else
            workon $argv
        end
        return
    end
    if not test -d $env
        printf '%s\n' "workon: no environment '$name' in $WORKON_HOME (make it with: mkvirtualenv $name)" >&2
        return 1
    end
    if not test -f $env/bin/activate.fish
        printf '%s\n' "workon: $env has no bin/activate.fish, so fish cannot activate it (remake it with: rmvirtualenv $name; mkvirtualenv $name)" >&2
        return 1
    end
    # Leave the active environment through its own deactivate first, so that
    # PATH and the prompt are back to what they were before the next activate
    # saves them.
    if set -q VIRTUAL_ENV; and functions -q deactivate
        deactivate
    end
    __pyshim_vew_run_hook (__pyshim_vew_hook_dir)/preactivate $name
    __pyshim_vew_run_hook $env/bin/preactivate $name
    source $env/bin/activate.fish
    if not __pyshim_vew_is_active $env
        printf '%s\n' "workon: $env/bin/activate.fish did not activate the environment" >&2
        return 1
    end
    __pyshim_vew_wrap_deactivate
    __pyshim_vew_source_hooks (__pyshim_vew_hook_dir)/postactivate $env/bin/postactivate
    set -l project (__pyshim_vew_project $env); or return 0
    if test "$cd_project" = 1
        if test -d "$project"
            cd -- $project
        else
            printf '%s\n' "workon: the project directory of $name ($project, from "(__pyshim_vew_project_file $env)") does not exist" >&2
        end
    end
    __pyshim_vew_source_hooks $project/.virtualenvwrapper/postactivate
    return 0
end

# The active environment's pip: its bin/pip, which runs on every Python (2.6
# cannot run the package with -m pip; its line runs pip.__main__), else -m pip.
function __pyshim_vew_pip
    if test -x $VIRTUAL_ENV/bin/pip
        command $VIRTUAL_ENV/bin/pip $argv
    else
        command $VIRTUAL_ENV/bin/python -m pip $argv
    end
end

function mkvirtualenv --description 'Make a virtual environment in $WORKON_HOME and activate it'
    set -l virtualenv virtualenv
    test -n "$VIRTUALENVWRAPPER_VIRTUALENV"; and set virtualenv $VIRTUALENVWRAPPER_VIRTUALENV
    set -l project
    set -l requirements
    set -l packages
    set -l pass
    set -l i 1
    set -l n (count $argv)
    while test $i -le $n
        set -l arg $argv[$i]
        switch $arg
            case -h --help
                printf '%s\n' 'Usage: mkvirtualenv [-a PROJECT_DIR] [-r REQUIREMENTS] [-i PACKAGE]... [virtualenv options] NAME' \
                    '  makes $WORKON_HOME/NAME with $VIRTUALENVWRAPPER_VIRTUALENV, then activates it' \
                    '  -a PROJECT_DIR   associate a project directory (workon NAME cds there)' \
                    '  -r REQUIREMENTS  pip install -r REQUIREMENTS into the new environment' \
                    '  -i PACKAGE       pip install PACKAGE into the new environment (repeatable)' \
                    '' 'virtualenv help:' ''
                command $virtualenv --help
                return
            case -a -r -i
                if test $i -eq $n
                    __pyshim_vew_usage mkvirtualenv "$arg needs a value"
                    return
                end
                set i (math $i + 1)
                set -l value $argv[$i]
                switch $arg
                    case -a
                        if not test -d "$value"
                            printf '%s\n' "mkvirtualenv: cannot associate project $value: it is not a directory" >&2
                            return 1
                        end
                        set project (__pyshim_vew_abspath $value)
                    case -r
                        if not test -f "$value"
                            printf '%s\n' "mkvirtualenv: requirements file $value does not exist" >&2
                            return 1
                        end
                        # Absolute now: workon may cd to the project before pip runs.
                        set requirements (__pyshim_vew_abspath $value)
                    case -i
                        set -a packages $value
                end
            case '*'
                set -a pass $arg
        end
        set i (math $i + 1)
    end
    if test (count $pass) -eq 0
        __pyshim_vew_usage mkvirtualenv 'name the environment to make'
        return
    end
    # As in virtualenvwrapper, the name is the last argument; everything
    # before it goes to virtualenv unchanged.
    set -l name $pass[-1]
    set -e pass[-1]
    if string match -q -- '-*' $name
        __pyshim_vew_usage mkvirtualenv "the last argument must be the environment's name, not the option $name"
        return
    end
    __pyshim_vew_check_name mkvirtualenv $name; or return
    if not command -q $virtualenv
        set -l line X.Y
        test -n "$PYSHIM_LINE"; and set line $PYSHIM_LINE
        printf '%s\n' "mkvirtualenv: cannot run $virtualenv (VIRTUALENVWRAPPER_VIRTUALENV)" "  run: pyshim add $line (writes its virtualenv-$line), or pyshim doctor" >&2
        return 1
    end
    __pyshim_vew_need_home mkvirtualenv; or return
    set -l env $WORKON_HOME/$name
    set -l extra (string split -n ' ' -- $VIRTUALENVWRAPPER_VIRTUALENV_ARGS)
    command $virtualenv $extra $pass $env; or return
    # A help option or a virtualenv that made nothing: nothing to activate,
    # and no hook runs (virtualenvwrapper runs premkvirtualenv only once the
    # directory exists).
    test -d $env; or return 0
    __pyshim_vew_make_hooks env $env/bin
    __pyshim_vew_run_hook (__pyshim_vew_hook_dir)/premkvirtualenv $name
    if test -n "$project"
        setvirtualenvproject $env $project; or return
    end
    workon $name; or return
    set -l result 0
    if test -n "$requirements"
        __pyshim_vew_pip install -r $requirements; or set result $status
    end
    for package in $packages
        __pyshim_vew_pip install $package; or set result $status
    end
    __pyshim_vew_source_hooks (__pyshim_vew_hook_dir)/postmkvirtualenv
    return $result
end

function rmvirtualenv --description 'Remove virtual environments from $WORKON_HOME'
    if test (count $argv) -eq 0
        __pyshim_vew_usage rmvirtualenv 'name the environment to remove'
        return
    end
    for name in $argv
        __pyshim_vew_check_name rmvirtualenv $name; or return
    end
    __pyshim_vew_need_home rmvirtualenv; or return
    if set -q argv[2]
        # Each name on its own: they may be in different homes.
        set -l result 0
        for name in $argv
            rmvirtualenv $name; or set result $status
        end
        return $result
    end
    if not test -d $WORKON_HOME/$argv[1]; and __pyshim_vew_find rmvirtualenv $argv[1]
        __pyshim_vew_in $__pyshim_vew_found rmvirtualenv $argv
        return
    end
    set -l hook_dir (__pyshim_vew_hook_dir)
    for name in $argv
        printf '%s\n' "Removing $name..."
        set -l env $WORKON_HOME/$name
        if test -d $env; and __pyshim_vew_is_active $env
            printf '%s\n' "rmvirtualenv: '$name' is the active environment; it was not removed" \
                "  run: deactivate (or workon another environment), then rmvirtualenv $name" >&2
            return 1
        end
        # As virtualenvwrapper: a missing environment is reported, its hooks
        # still run, and the command succeeds.
        if not test -d $env
            printf '%s\n' "Did not find environment $env to remove." >&2
        else if string match -q -- (builtin realpath -- $env)'/*' "$PWD/"
            # Do not stay in a directory that is about to go.
            cd -- $WORKON_HOME
        end
        __pyshim_vew_run_hook $hook_dir/prermvirtualenv $name
        command rm -rf -- $env
        __pyshim_vew_run_hook $hook_dir/postrmvirtualenv $name
    end
    return 0
end

function lsvirtualenv --description 'List the virtual environments in $WORKON_HOME'
    set -l long 1
    for arg in $argv
        switch $arg
            case -b
                set long 0
            case -l
                set long 1
            case -h --help
                printf '%s\n' 'Usage: lsvirtualenv [-b|-l]' '  -b  brief: names only' \
                    '  -l  long: each name with its Python version, project and get_env_details hooks (the default)'
                return 0
            case '*'
                __pyshim_vew_usage lsvirtualenv "unknown option $arg"
                return
        end
    end
    __pyshim_vew_need_home lsvirtualenv; or return
    for name in (__pyshim_vew_home_names)
        if test $long = 0
            printf '%s\n' $name
            continue
        end
        printf '%s\n' $name (string repeat -n (string length -- $name) =)
        # As virtualenvwrapper's long listing: the hooks see the environment as active.
        begin
            set -lx VIRTUAL_ENV $WORKON_HOME/$name
            set -lx PATH $WORKON_HOME/$name/bin $PATH
            __pyshim_vew_details $name
        end
    end
end

function showvirtualenv --description 'Show the details of one virtual environment (default: the active one)'
    switch "$argv[1]"
        case -h --help
            printf '%s\n' 'Usage: showvirtualenv [NAME]' '  NAME (default: the active environment): its Python version, project and get_env_details hooks'
            return 0
    end
    if test (count $argv) -gt 1
        __pyshim_vew_usage showvirtualenv 'one environment at a time'
        return
    end
    set -l name $argv[1]
    if test -z "$name"
        if test -z "$VIRTUAL_ENV"
            __pyshim_vew_usage showvirtualenv 'name an environment, or workon one first'
            return
        end
        set name (__pyshim_vew_basename $VIRTUAL_ENV)
        # The active environment of another home: its details from there.
        set -l home (string replace -r -- '/[^/]*$' '' (string trim -r -c / -- $VIRTUAL_ENV))
        if test "$home" != (string trim -r -c / -- "$WORKON_HOME"); and test -d "$home/$name"
            __pyshim_vew_in $home __pyshim_vew_details $name
            return
        end
    end
    __pyshim_vew_check_name showvirtualenv $name; or return
    __pyshim_vew_need_home showvirtualenv; or return
    if not test -d $WORKON_HOME/$name; and __pyshim_vew_find showvirtualenv $name
        __pyshim_vew_in $__pyshim_vew_found showvirtualenv $name
        return
    end
    if not test -d $WORKON_HOME/$name
        printf '%s\n' "showvirtualenv: no environment '$name' in $WORKON_HOME" >&2
        return 1
    end
    __pyshim_vew_details $name
end

function cdvirtualenv --description 'cd to the active virtual environment, or a directory inside it'
    __pyshim_vew_need_home cdvirtualenv; or return
    __pyshim_vew_need_active cdvirtualenv; or return
    # Not $VIRTUAL_ENV/$argv[1]: with no argument that expands to nothing.
    set -l dir $VIRTUAL_ENV
    set -q argv[1]; and set dir $VIRTUAL_ENV/$argv[1]
    cd -- $dir
end

function cdsitepackages --description 'cd to the site-packages directory of the active environment, or a directory inside it'
    __pyshim_vew_need_home cdsitepackages; or return
    __pyshim_vew_need_active cdsitepackages; or return
    set -l dir (__pyshim_vew_site_packages cdsitepackages); or return
    set -q argv[1]; and set dir $dir/$argv[1]
    cd -- $dir
end

function lssitepackages --description 'List the site-packages directory of the active environment (options go to ls)'
    __pyshim_vew_need_home lssitepackages; or return
    __pyshim_vew_need_active lssitepackages; or return
    set -l dir (__pyshim_vew_site_packages lssitepackages); or return
    command ls $argv $dir
    set -l result $status
    if test -f $dir/_virtualenv_path_extensions.pth
        printf '\n%s\n' '_virtualenv_path_extensions.pth:'
        command cat -- $dir/_virtualenv_path_extensions.pth
    end
    return $result
end

function add2virtualenv --description 'Add directories to the import path of the active environment (-d: remove them)'
    switch "$argv[1]"
        case -h --help
            printf '%s\n' 'Usage: add2virtualenv [-d] DIR...' \
                '  puts DIR first on the import path of the active environment' \
                '  (in site-packages/_virtualenv_path_extensions.pth); -d takes it off again'
            return 0
    end
    __pyshim_vew_need_home add2virtualenv; or return
    __pyshim_vew_need_active add2virtualenv; or return
    set -l site (__pyshim_vew_site_packages add2virtualenv); or return
    set -l pth $site/_virtualenv_path_extensions.pth
    set -l remove 0
    set -l dirs $argv
    if test "$dirs[1]" = -d
        set remove 1
        set -e dirs[1]
    end
    if not set -q dirs[1]
        # virtualenvwrapper's answer: the usage, and what is there already.
        printf '%s\n' 'Usage: add2virtualenv [-d] DIR...'
        if test -f $pth
            printf '\n%s\n' 'Existing paths:'
            string match -v -- 'import*' <$pth
        end
        return 1
    end
    # The .pth file virtualenvwrapper writes: its first line records where
    # sys.path ended, its last moves the lines between to the front.
    set -l lines
    if test -f $pth
        while read -l line
            set -a lines $line
        end <$pth
    end
    if not set -q lines[1]
        set lines 'import sys; sys.__plen = len(sys.path)' \
            "import sys; new=sys.path[sys.__plen:]; del sys.path[sys.__plen:]; p=getattr(sys,'__egginsert',0); sys.path[p:p]=new; sys.__egginsert = p+len(new)"
    end
    for dir in $dirs
        set -l absolute (__pyshim_vew_abspath $dir)
        test "$absolute" != "$dir"; and printf '%s\n' "Warning: Converting \"$dir\" to \"$absolute\"" >&2
        # Take it out wherever it is; when adding, put it back first.
        set -l kept $lines[1]
        for line in $lines[2..-1]
            test "$line" = "$absolute"; or set -a kept $line
        end
        test $remove = 1; or set kept $kept[1] $absolute $kept[2..-1]
        set lines $kept
    end
    # Write a copy, then rename it over the original: never half a .pth file.
    set -l tmp $pth.pyshim-$fish_pid
    if not begin
            printf '%s\n' $lines >$tmp
            and command mv -f -- $tmp $pth
        end
        command rm -f -- $tmp
        printf '%s\n' "add2virtualenv: could not write $pth" >&2
        return 1
    end
    return 0
end

function toggleglobalsitepackages --description 'Turn access to the global site-packages on or off for the active environment'
    set -l quiet 0
    for arg in $argv
        switch $arg
            case -q
                set quiet 1
            case -h --help
                printf '%s\n' 'Usage: toggleglobalsitepackages [-q]' \
                    '  flips include-system-site-packages in the active environment'"'"'s pyvenv.cfg' \
                    '  (no-global-site-packages.txt for environments of virtualenv before 20)' '  -q  say nothing'
                return 0
            case '*'
                __pyshim_vew_usage toggleglobalsitepackages "unknown option $arg"
                return
        end
    end
    __pyshim_vew_need_home toggleglobalsitepackages; or return
    __pyshim_vew_need_active toggleglobalsitepackages; or return
    set -l enabled
    set -l cfg $VIRTUAL_ENV/pyvenv.cfg
    if test -f $cfg
        # venv and virtualenv 20+ read this key: true (any case) means on.
        set -l lines
        set -l current false
        while read -l line
            set -a lines $line
        end <$cfg
        set -l found (string replace -rf -- '^\s*include-system-site-packages\s*=\s*(.*?)\s*$' '$1' $lines)
        test -n "$found[1]"; and set current (string lower -- $found[1])
        set -l want true
        test "$current" = true; and set want false
        set -l new (string replace -r -- '^(\s*include-system-site-packages\s*=\s*).*$' '${1}'$want $lines)
        test (count $found) -eq 0; and set -a new "include-system-site-packages = $want"
        # Write a copy (cp -p keeps the mode), then rename it over the
        # original: a failure never leaves half a pyvenv.cfg.
        set -l tmp $cfg.pyshim-$fish_pid
        if not begin
                command cp -p -- $cfg $tmp
                and printf '%s\n' $new >$tmp
                and command mv -f -- $tmp $cfg
            end
            command rm -f -- $tmp
            printf '%s\n' "toggleglobalsitepackages: could not write $cfg" >&2
            return 1
        end
        set enabled $want
    else
        # virtualenv before 20 had no pyvenv.cfg: its site.py looks for a marker
        # file next to orig-prefix.txt in lib/pythonX.Y.
        set -l prefixes $VIRTUAL_ENV/lib/python*/orig-prefix.txt
        if test (count $prefixes) -eq 0
            printf '%s\n' "toggleglobalsitepackages: $VIRTUAL_ENV has neither pyvenv.cfg nor lib/pythonX.Y/orig-prefix.txt" \
                '  it is not an environment of venv or virtualenv; nothing was changed' >&2
            return 1
        end
        set -l marker (string replace -r -- 'orig-prefix\.txt$' 'no-global-site-packages.txt' $prefixes[1])
        if test -e $marker
            command rm -f -- $marker; or return 1
            set enabled true
        else
            command touch -- $marker; or return 1
            set enabled false
        end
    end
    if test $quiet = 0
        if test $enabled = true
            echo 'Enabled global site-packages'
        else
            echo 'Disabled global site-packages'
        end
    end
    return 0
end

function cpvirtualenv --description 'Copy a virtual environment (a name in $WORKON_HOME, or a directory) into $WORKON_HOME and activate the copy'
    switch "$argv[1]"
        case -h --help
            printf '%s\n' 'Usage: cpvirtualenv SOURCE [NAME]' \
                '  copies SOURCE (an environment in $WORKON_HOME, or the directory of one elsewhere)' \
                '  to $WORKON_HOME/NAME (default: the name of SOURCE) with virtualenv-clone, then activates it'
            return 0
    end
    if test (count $argv) -eq 0; or test (count $argv) -gt 2
        __pyshim_vew_usage cpvirtualenv 'name the environment to copy, and the name of the copy'
        return
    end
    set -l src_name $argv[1]
    set -l trg_name $argv[2]
    test -n "$trg_name"; and begin
        __pyshim_vew_check_name cpvirtualenv $trg_name; or return
    end
    __pyshim_vew_need_home cpvirtualenv; or return
    if not test -e $WORKON_HOME/$src_name; and __pyshim_vew_find cpvirtualenv $src_name
        __pyshim_vew_in $__pyshim_vew_found cpvirtualenv $argv
        return
    end
    set -l clone virtualenv-clone
    test -n "$VIRTUALENVWRAPPER_VIRTUALENV_CLONE"; and set clone $VIRTUALENVWRAPPER_VIRTUALENV_CLONE
    if not command -q $clone
        printf '%s\n' "cpvirtualenv: cannot run $clone (VIRTUALENVWRAPPER_VIRTUALENV_CLONE), which copies environments" \
            "  install it: python3 -m pip install --user virtualenv-clone (or your system's virtualenv-clone package)" >&2
        return 1
    end
    set -l src
    if __pyshim_vew_check_name cpvirtualenv $src_name 2>/dev/null; and test -e $WORKON_HOME/$src_name
        set src $WORKON_HOME/$src_name
    else
        # An environment elsewhere: its directory, ~ expanded as virtualenvwrapper does.
        set src (__pyshim_vew_abspath (string replace -r -- '^~(?=/|$)' $HOME $src_name))
        if not test -d $src
            printf '%s\n' "cpvirtualenv: '$src_name' is neither an environment in $WORKON_HOME nor a directory" '  see them with: workon' >&2
            return 1
        end
        set src_name (__pyshim_vew_basename $src)
    end
    if test -z "$trg_name"
        set trg_name $src_name
        __pyshim_vew_check_name cpvirtualenv $trg_name; or return
    end
    set -l trg $WORKON_HOME/$trg_name
    if test -e $trg
        printf '%s\n' "cpvirtualenv: $trg_name virtualenv already exists ($trg)" "  remove it first (rmvirtualenv $trg_name), or give the copy another name" >&2
        return 1
    end
    printf '%s\n' "Copying $src_name as $trg_name..."
    command $clone $src $trg
    if not test -d $trg
        printf '%s\n' "cpvirtualenv: $clone did not make $trg" >&2
        return 1
    end
    __pyshim_vew_make_hooks env $trg/bin
    set -l hook_dir (__pyshim_vew_hook_dir)
    __pyshim_vew_run_hook $hook_dir/precpvirtualenv $src $trg_name
    __pyshim_vew_run_hook $hook_dir/premkvirtualenv $trg_name
    workon $trg_name; or return
    __pyshim_vew_source_hooks $hook_dir/postmkvirtualenv $hook_dir/postcpvirtualenv
    return 0
end

function allvirtualenv --description 'Run a command in every virtual environment of $WORKON_HOME'
    switch "$argv[1]"
        case -h --help
            printf '%s\n' 'Usage: allvirtualenv COMMAND [ARGUMENT]...' \
                '  runs COMMAND in each environment of $WORKON_HOME, from its directory, with it active;' \
                '  this shell'"'"'s directory and environment stay as they are'
            return 0
        case ''
            __pyshim_vew_usage allvirtualenv 'name the command to run'
            return
    end
    __pyshim_vew_need_home allvirtualenv; or return
    set -l result 0
    set -l here $PWD
    set -l saved_dirprev $dirprev
    for name in (__pyshim_vew_home_names)
        set -l env $WORKON_HOME/$name
        printf '%s\n' $name (string repeat -n (string length -- $name) =)
        # Active as activate makes it, without workon's hooks (as virtualenvwrapper).
        begin
            set -lx VIRTUAL_ENV $env
            set -lx PATH $env/bin $PATH
            set -l PYTHONHOME
            set -l kind (type -t -- $argv[1] 2>/dev/null)
            if test "$kind" = file
                __pyshim_vew_run_in $env $argv
            else if builtin cd -- $env
                # A function or a builtin runs in this shell: there and back.
                $argv
            else
                false
            end
            or set result $status
        end
        test "$PWD" = "$here"; or builtin cd -- $here 2>/dev/null
        echo
    end
    set -g dirprev $saved_dirprev
    return $result
end

function wipeenv --description 'Uninstall every package of the active virtual environment'
    __pyshim_vew_need_home wipeenv; or return
    __pyshim_vew_need_active wipeenv; or return
    set -l installed (__pyshim_vew_pip list --format=freeze --disable-pip-version-check 2>/dev/null)
    if test $status -ne 0
        printf '%s\n' "wipeenv: cannot run pip in $VIRTUAL_ENV" "  run: python -m ensurepip (then wipeenv again)" >&2
        return 1
    end
    # What pip freeze leaves out, and what virtualenvwrapper leaves in place.
    set -l keep pip setuptools wheel distribute wsgiref appdirs packaging pyparsing six
    set -l lines
    set -l names
    for line in $installed
        set -l name (string replace -r -- '==.*$' '' $line)
        contains -- (string lower -- (string replace -ra -- '[-_.]+' - $name)) $keep; and continue
        set -a lines $line
        set -a names $name
    end
    if not set -q names[1]
        echo 'Nothing to remove.'
        return 0
    end
    printf '%s\n' 'Uninstalling packages:' $lines ''
    __pyshim_vew_pip uninstall -y --disable-pip-version-check $names
end

function mktmpenv --description 'Make a temporary virtual environment, removed when it is deactivated'
    set -l cd_env (__pyshim_vew_workon_cd)
    set -l pass
    for arg in $argv
        switch $arg
            case -h --help
                printf '%s\n' 'Usage: mktmpenv [-c|-n] [virtualenv options]' \
                    '  makes and activates $WORKON_HOME/tmp-…, removed when it is deactivated' \
                    '  -c, --cd     cd to the new environment (the default)' '  -n, --no-cd  stay where you are'
                return 0
            case -n --no-cd
                set cd_env 0
            case -c --cd
                set cd_env 1
            case '*'
                set -a pass $arg
        end
    end
    # A name nobody has: virtualenvwrapper's "tmp-" and 16 hex digits.
    set -l name
    while test -z "$name"; or test -e "$WORKON_HOME/$name"
        set name tmp-(printf '%04x' (random 0 65535) (random 0 65535) (random 0 65535) (random 0 65535))
    end
    mkvirtualenv $pass $name; or return
    set -l env $WORKON_HOME/$name
    # mkvirtualenv made nothing (virtualenv printed its help, say).
    __pyshim_vew_is_active $env; or return 0
    test "$cd_env" = 1; and cdvirtualenv
    echo "This is a temporary environment. It will be deleted when you run 'deactivate'." | command tee $env/README.tmpenv
    # The clean-up as a postdeactivate hook, for every shell: sh for bash and
    # zsh (virtualenvwrapper's own text), fish for this one.
    set -l readme (string replace -a -- "'" "'\\''" $env/README.tmpenv)
    printf '%s\n' "if [ -f '$readme' ]" then "    echo \"Removing temporary environment:\" $name" "    rmvirtualenv $name" fi >>$env/bin/postdeactivate
    printf '%s\n' "if test -f "(string escape -- $env/README.tmpenv) "    echo 'Removing temporary environment:' $name" "    rmvirtualenv $name" end >>$env/bin/postdeactivate.fish
end

function setvirtualenvproject --description 'Associate a project directory with a virtual environment' --argument-names env project
    switch "$env"
        case -h --help
            printf '%s\n' 'Usage: setvirtualenvproject [ENV [PROJECT_DIR]]' \
                '  ENV: a name in $WORKON_HOME or a directory (default: the active environment)' '  PROJECT_DIR: default the current directory'
            return 0
    end
    test -n "$env"; or set env $VIRTUAL_ENV
    test -n "$project"; or set project $PWD
    if test -z "$env"
        __pyshim_vew_usage setvirtualenvproject 'no virtual environment is active: name one'
        return
    end
    if not test -d "$env"; and test -n "$WORKON_HOME"; and __pyshim_vew_check_name setvirtualenvproject $env 2>/dev/null
        set env $WORKON_HOME/$env
    end
    if not test -d "$env"
        printf '%s\n' "setvirtualenvproject: no virtual environment $env" >&2
        return 1
    end
    if not test -d "$project"
        printf '%s\n' "setvirtualenvproject: cannot associate $project: it is not a directory" >&2
        return 1
    end
    set project (__pyshim_vew_abspath $project)
    printf '%s\n' "Setting project for "(__pyshim_vew_basename $env)" to $project"
    printf '%s\n' $project >(__pyshim_vew_project_file $env)
end

function mkproject --description 'Make a project directory in $PROJECT_HOME and its virtual environment'
    set -l force 0
    set -l templates
    set -l pass
    set -l i 1
    set -l n (count $argv)
    while test $i -le $n
        set -l arg $argv[$i]
        switch $arg
            case -h --help
                printf '%s\n' 'Usage: mkproject [-f|--force] [-t TEMPLATE]... [mkvirtualenv options] NAME' \
                    '  makes $PROJECT_HOME/NAME and the environment NAME (see mkvirtualenv --help), associated' \
                    '  -f, --force    make the environment even if the project directory exists' \
                    '  -t TEMPLATE    apply a virtualenvwrapper project template (repeatable, in order)'
                return 0
            case -f --force
                set force 1
            case -t
                if test $i -eq $n
                    __pyshim_vew_usage mkproject '-t needs a template name'
                    return
                end
                set i (math $i + 1)
                set -a templates $argv[$i]
            case '*'
                set -a pass $arg
        end
        set i (math $i + 1)
    end
    if not set -q pass[1]; or string match -q -- '-*' $pass[-1]
        __pyshim_vew_usage mkproject 'name the project to make (the last argument)'
        return
    end
    set -l name $pass[-1]
    __pyshim_vew_check_name mkproject $name; or return
    __pyshim_vew_need_home mkproject; or return
    if test -z "$PROJECT_HOME"
        printf '%s\n' 'mkproject: PROJECT_HOME is not set, so there is no place for projects' \
            '  run: set -Ux PROJECT_HOME DIR (an existing directory)' >&2
        return 1
    end
    if not test -d "$PROJECT_HOME/"
        printf '%s\n' "mkproject: the project directory $PROJECT_HOME does not exist" \
            "  run: mkdir -p $PROJECT_HOME (or set PROJECT_HOME to an existing directory)" >&2
        return 1
    end
    set -l project (string trim -r -c / -- $PROJECT_HOME)/$name
    if test -d $project; and test $force = 0
        printf '%s\n' "mkproject: project $name already exists ($project)" "  run: mkproject -f $name (to make its environment anyway)" >&2
        return 1
    end
    mkvirtualenv $pass; or return 1
    # mkvirtualenv made nothing (virtualenv printed its help, say).
    __pyshim_vew_is_active $WORKON_HOME/$name; or return 0
    set -l hook_dir (__pyshim_vew_hook_dir)
    __pyshim_vew_run_hook $hook_dir/premkproject $name
    printf '%s\n' "Creating $project"
    command mkdir -p -- $project; or return 1
    setvirtualenvproject $VIRTUAL_ENV $project; or return 1
    cd -- $project
    set -l result 0
    for template in $templates
        printf '\n%s\n' "Applying template $template"
        # Templates are virtualenvwrapper plugins (Python): its hook loader
        # runs them, from $WORKON_HOME as virtualenvwrapper does.
        __pyshim_vew_run_in $WORKON_HOME $VIRTUALENVWRAPPER_PYTHON -m virtualenvwrapper.hook_loader --name $template project.template $name $project
        or begin
            printf '%s\n' "mkproject: template $template failed; it needs virtualenvwrapper for VIRTUALENVWRAPPER_PYTHON=$VIRTUALENVWRAPPER_PYTHON" >&2
            set result 1
        end
    end
    __pyshim_vew_source_hooks $hook_dir/postmkproject
    return $result
end

function cdproject --description 'cd to the project directory of the active virtual environment'
    __pyshim_vew_need_home cdproject; or return
    __pyshim_vew_need_active cdproject; or return
    set -l project_file (__pyshim_vew_project_file $VIRTUAL_ENV)
    if not test -f $project_file
        printf '%s\n' "cdproject: No project set in $project_file" '  run: setvirtualenvproject' >&2
        return 1
    end
    read -l project <$project_file
    if test -z "$project"; or not test -d "$project"
        printf '%s\n' "cdproject: the project directory '$project' does not exist" '  run: setvirtualenvproject' >&2
        return 1
    end
    cd -- $project
end

function virtualenvwrapper --description 'Show the virtualenvwrapper commands'
    set -l script (functions --details virtualenvwrapper)
    printf '%s\n' '' \
        'virtualenvwrapper is a set of extensions to virtualenv: commands to make, remove and switch' \
        'virtual environments and to manage your development workflow. In fish they come from pyshim,' \
        'over the same directories as virtualenvwrapper in bash and zsh.' '' \
        "Script: $script" "Python: $VIRTUALENVWRAPPER_PYTHON" "WORKON_HOME: $WORKON_HOME" "PROJECT_HOME: $PROJECT_HOME" '' \
        'Commands available:' ''
    for entry in \
        'add2virtualenv: add directory to the import path' \
        'allvirtualenv: run a command in all virtualenvs' \
        'cdproject: change directory to the active project' \
        'cdsitepackages: change to the site-packages directory' \
        'cdvirtualenv: change to the $VIRTUAL_ENV directory' \
        'cpvirtualenv: duplicate the named virtualenv to make a new one' \
        'lssitepackages: list contents of the site-packages directory' \
        'lsvirtualenv: list virtualenvs' \
        'mkproject: create a new project directory and its associated virtualenv' \
        'mktmpenv: create a temporary virtualenv' \
        'mkvirtualenv: Create a new virtualenv in $WORKON_HOME' \
        'rmvirtualenv: Remove a virtualenv' \
        'setvirtualenvproject: associate a project directory with a virtualenv' \
        'showvirtualenv: show details of a single virtualenv' \
        'toggleglobalsitepackages: turn access to global site-packages on/off' \
        'virtualenvwrapper: show this help message' \
        'wipeenv: remove all packages installed in the current virtualenv' \
        'workon: list or change working virtualenvs'
        printf '  %s\n\n' $entry
    end
end

# --- completion -------------------------------------------------------------

# Replace, not add to, what was there: this file's own when it is sourced
# again.
for __pyshim_vew_cmd in workon rmvirtualenv cdvirtualenv lsvirtualenv toggleglobalsitepackages mkvirtualenv setvirtualenvproject \
        showvirtualenv cpvirtualenv cdsitepackages lssitepackages add2virtualenv allvirtualenv mktmpenv mkproject
    complete -e -c $__pyshim_vew_cmd
end
set -e __pyshim_vew_cmd

complete -c workon -f -a '(__pyshim_vew_names)' -d 'virtual environment'
complete -c workon -s c -l cd -d 'cd to the project directory'
complete -c workon -s n -l no-cd -d 'do not cd to the project directory'
complete -c workon -s h -l help -d 'show help'
complete -c rmvirtualenv -f -a '(__pyshim_vew_names)' -d 'virtual environment'
complete -c showvirtualenv -f -a '(__pyshim_vew_names)' -d 'virtual environment'
complete -c cpvirtualenv -f -n 'test (count (commandline -opc)) -eq 1' -a '(__pyshim_vew_names)' -d 'virtual environment'
complete -c cdvirtualenv -f -a '(__pyshim_vew_subdirs $VIRTUAL_ENV)'
complete -c cdsitepackages -f -a '(__pyshim_vew_subdirs (__pyshim_vew_site_packages cdsitepackages 2>/dev/null))'
complete -c lsvirtualenv -f -s b -d 'brief: names only'
complete -c lsvirtualenv -f -s l -d 'long: with Python version and project'
complete -c lsvirtualenv -f -s h -d 'show help'
complete -c toggleglobalsitepackages -f -s q -d 'say nothing'
complete -c mkvirtualenv -s a -x -a '(__fish_complete_directories)' -d 'project directory'
complete -c mkvirtualenv -s r -r -F -d 'requirements file'
complete -c mkvirtualenv -s i -x -d 'package to install'
complete -c mkvirtualenv -l system-site-packages -d 'give access to the global site-packages'
complete -c mkvirtualenv -s h -l help -d 'show help'
complete -c mktmpenv -s c -l cd -d 'cd to the new environment'
complete -c mktmpenv -s n -l no-cd -d 'stay in this directory'
complete -c mkproject -s f -l force -d 'make the environment even if the project directory exists'
complete -c mkproject -s t -x -d 'project template'
complete -c add2virtualenv -s d -d 'remove the directories from the import path'
complete -c add2virtualenv -x -a '(__fish_complete_directories)'
complete -c allvirtualenv -x -a '(__fish_complete_subcommand)'
complete -c setvirtualenvproject -x -a '(__pyshim_vew_names; __fish_complete_directories)'
