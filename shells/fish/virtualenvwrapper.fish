# virtualenvwrapper's commands for fish, from pyshim.
#
# virtualenvwrapper has no fish support, so this file gives fish the same
# commands over the same $WORKON_HOME: an environment made by virtualenvwrapper
# in bash or zsh is usable here, and one made here is usable there.
# pyshim's init.fish sources this file after setting, for the current version
# line, WORKON_HOME, VIRTUALENVWRAPPER_VIRTUALENV (that line's virtualenv-X.Y
# shim), VIRTUALENVWRAPPER_PYTHON and PYSHIM_LINE.
#
# Sourcing it only defines functions and completions: nothing runs a process
# until the user calls a command. Parsing it still costs fish ~2.5 ms, so
# init.fish should define small stubs that source it on first use (as
# virtualenvwrapper_lazy.sh does for bash); the completion section below
# replaces the stubs' completions.
#
# Hooks. virtualenvwrapper's hooks ($WORKON_HOME/postactivate,
# $VIRTUAL_ENV/bin/predeactivate, ...) are sh scripts made to be *sourced*:
# fish cannot source sh, and running them in a child sh could not change this
# shell, so they are not run. A fish hook of the same name plus ".fish" is
# sourced instead (postactivate.fish, predeactivate.fish, postdeactivate.fish,
# postmkvirtualenv.fish, in $WORKON_HOME or in the environment's bin/). An sh
# hook that has commands and no .fish twin gets a one-line note, never silence.
# A hook sourced from here runs inside a function: it should use `set -gx`.
#
# Written for fish 3 (`builtin realpath`, `math`, `string`); tested with fish 3.6.

# --- helpers (private: the __pyshim_vew_ prefix) ---------------------------

function __pyshim_vew_need_home --argument-names cmd create
    if test -z "$WORKON_HOME"
        printf '%s\n' "$cmd: WORKON_HOME is not set, so there is no place for virtual environments" \
            "  run: pyshim use X.Y (or pyshim setup --shell fish, then start a new fish)" >&2
        return 1
    end
    if test "$create" = create; and not test -d "$WORKON_HOME"
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

# Environment names, one per line, in glob order (sorted). An environment is a
# directory with bin/activate (virtualenvwrapper's own test) or bin/activate.fish.
function __pyshim_vew_names
    test -n "$WORKON_HOME"; or return 1
    for dir in $WORKON_HOME/*/
        if test -f $dir/bin/activate.fish; or test -f $dir/bin/activate
            string replace -r -- '^.*/([^/]+)/+$' '$1' $dir
        end
    end
end

# Subdirectories of the active environment, for cdvirtualenv's completion.
function __pyshim_vew_env_subdirs
    test -n "$VIRTUAL_ENV"; or return 0
    set -l token (commandline -ct)
    for dir in $VIRTUAL_ENV/$token*/
        string replace -- "$VIRTUAL_ENV/" '' $dir
    end
end

# Does an sh hook do anything (a line that is not blank and not a comment)?
# virtualenvwrapper writes comment-only hooks into every environment it makes.
function __pyshim_vew_has_commands --argument-names file
    while read -l line
        string match -qr -- '^\s*(#|$)' "$line"; or return 0
    end <$file
    return 1
end

# Source the fish hooks for one event, in virtualenvwrapper's order: the global
# hook first on the way in, the environment's own first on the way out.
function __pyshim_vew_run_hooks --argument-names event env
    test -n "$env"; or set env $VIRTUAL_ENV
    set -l hook_dir $WORKON_HOME
    test -n "$VIRTUALENVWRAPPER_HOOK_DIR"; and set hook_dir $VIRTUALENVWRAPPER_HOOK_DIR
    set -l scripts
    switch $event
        case postactivate
            set scripts $hook_dir/$event $env/bin/$event
        case predeactivate postdeactivate
            set scripts $env/bin/$event $hook_dir/$event
        case '*'
            set scripts $hook_dir/$event
    end
    for script in $scripts
        if test -f $script.fish
            source $script.fish
        else if test -f $script; and __pyshim_vew_has_commands $script
            printf '%s\n' "note: $script is an sh hook and is not run in fish (put fish commands in $script.fish)" >&2
        end
    end
    return 0
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
        __pyshim_vew_run_hooks predeactivate $old_env
        __pyshim_vew_env_deactivate $argv
        set -l result $status
        functions -e __pyshim_vew_env_deactivate
        # "nondestructive" comes from an activate script that defines its own
        # deactivate next; the original erased itself otherwise. Either way
        # this wrapper has no environment left to leave.
        functions -q deactivate; and functions -e deactivate
        __pyshim_vew_run_hooks postdeactivate $old_env
        return $result
    end
end

function __pyshim_vew_project_file --argument-names env
    set -l name .project
    test -n "$VIRTUALENVWRAPPER_PROJECT_FILENAME"; and set name $VIRTUALENVWRAPPER_PROJECT_FILENAME
    echo $env/$name
end

# --- the commands -----------------------------------------------------------

function workon --description 'List virtual environments, or activate one'
    set -l cd_project 1
    set -q VIRTUALENVWRAPPER_WORKON_CD; and set cd_project $VIRTUALENVWRAPPER_WORKON_CD
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
                printf '%s\n' "workon: unknown option $arg" "  see: workon --help" >&2
                return 2
            case '*'
                set -a names $arg
        end
    end
    if test (count $names) -eq 0
        __pyshim_vew_names
        return 0
    end
    if test (count $names) -gt 1
        printf '%s\n' "workon: one environment at a time (got: $names)" "  see: workon --help" >&2
        return 2
    end
    set -l name $names[1]
    if test "$name" = .
        set name (string replace -r -- '^.*/' '' $PWD)
    end
    __pyshim_vew_check_name workon $name; or return
    __pyshim_vew_need_home workon; or return
    set -l env $WORKON_HOME/$name
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
    source $env/bin/activate.fish
    # activate.fish names the directory as it was made (maybe through a
    # symlink, or another spelling of $WORKON_HOME): compare real paths.
    set -l real_env (builtin realpath -- $env)
    set -l real_active
    test -n "$VIRTUAL_ENV"; and set real_active (builtin realpath -- $VIRTUAL_ENV 2>/dev/null)
    if test "$real_active" != "$real_env"
        printf '%s\n' "workon: $env/bin/activate.fish did not activate the environment" >&2
        return 1
    end
    __pyshim_vew_wrap_deactivate
    __pyshim_vew_run_hooks postactivate $env
    set -l project_file (__pyshim_vew_project_file $env)
    if test "$cd_project" = 1; and test -f $project_file
        read -l project <$project_file
        if test -n "$project"; and test -d "$project"
            cd -- $project
        else
            printf '%s\n' "workon: the project directory of $name ($project, from $project_file) does not exist" >&2
        end
    end
    return 0
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
                    printf '%s\n' "mkvirtualenv: $arg needs a value" "  see: mkvirtualenv --help" >&2
                    return 2
                end
                set i (math $i + 1)
                set -l value $argv[$i]
                switch $arg
                    case -a
                        if not test -d "$value"
                            printf '%s\n' "mkvirtualenv: cannot associate project $value: it is not a directory" >&2
                            return 1
                        end
                        set project (builtin realpath -- $value)
                    case -r
                        if not test -f "$value"
                            printf '%s\n' "mkvirtualenv: requirements file $value does not exist" >&2
                            return 1
                        end
                        # Absolute now: workon may cd to the project before pip runs.
                        set requirements (builtin realpath -- $value)
                    case -i
                        set -a packages $value
                end
            case '*'
                set -a pass $arg
        end
        set i (math $i + 1)
    end
    if test (count $pass) -eq 0
        printf '%s\n' 'mkvirtualenv: name the environment to make' '  usage: mkvirtualenv [options] NAME' >&2
        return 2
    end
    # As in virtualenvwrapper, the name is the last argument; everything
    # before it goes to virtualenv unchanged.
    set -l name $pass[-1]
    set -e pass[-1]
    if string match -q -- '-*' $name
        printf '%s\n' "mkvirtualenv: the last argument must be the environment's name, not the option $name" '  usage: mkvirtualenv [options] NAME' >&2
        return 2
    end
    __pyshim_vew_check_name mkvirtualenv $name; or return
    if not command -q $virtualenv
        set -l line X.Y
        test -n "$PYSHIM_LINE"; and set line $PYSHIM_LINE
        printf '%s\n' "mkvirtualenv: cannot run $virtualenv (VIRTUALENVWRAPPER_VIRTUALENV)" "  run: pyshim add $line (writes its virtualenv-$line), or pyshim doctor" >&2
        return 1
    end
    __pyshim_vew_need_home mkvirtualenv create; or return
    set -l env $WORKON_HOME/$name
    set -l extra (string split -n ' ' -- $VIRTUALENVWRAPPER_VIRTUALENV_ARGS)
    command $virtualenv $extra $pass $env; or return
    # A help option or a virtualenv that made nothing: nothing to activate.
    test -d $env; or return 0
    if test -n "$project"
        set -l project_file (__pyshim_vew_project_file $env)
        printf '%s\n' $project >$project_file; or return
        printf '%s\n' "Setting project for $name to $project"
    end
    workon $name; or return
    set -l result 0
    if test -n "$requirements"
        $VIRTUAL_ENV/bin/python -m pip install -r $requirements; or set result $status
    end
    for package in $packages
        $VIRTUAL_ENV/bin/python -m pip install $package; or set result $status
    end
    __pyshim_vew_run_hooks postmkvirtualenv $env
    return $result
end

function rmvirtualenv --description 'Remove virtual environments from $WORKON_HOME'
    if test (count $argv) -eq 0
        printf '%s\n' 'rmvirtualenv: name the environment to remove' '  usage: rmvirtualenv NAME...' >&2
        return 2
    end
    __pyshim_vew_need_home rmvirtualenv; or return
    set -l result 0
    for name in $argv
        if not __pyshim_vew_check_name rmvirtualenv $name
            set result 2
            continue
        end
        set -l env $WORKON_HOME/$name
        if not test -d $env
            printf '%s\n' "rmvirtualenv: no environment '$name' in $WORKON_HOME" >&2
            set result 1
            continue
        end
        set -l real_env (builtin realpath -- $env)
        if test -n "$VIRTUAL_ENV"
            set -l real_active (builtin realpath -- $VIRTUAL_ENV 2>/dev/null)
            if test "$real_active" = "$real_env"
                printf '%s\n' "rmvirtualenv: '$name' is the active environment; it was not removed" \
                    "  run: deactivate (or workon another environment), then rmvirtualenv $name" >&2
                return 1
            end
        end
        printf '%s\n' "Removing $name..."
        # Do not stay in a directory that is about to go.
        if string match -q -- "$real_env/*" "$PWD/"
            cd -- $WORKON_HOME
        end
        command rm -rf -- $env; or set result 1
    end
    return $result
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
                printf '%s\n' 'Usage: lsvirtualenv [-b|-l]' '  -b  brief: names only' '  -l  long: name, Python version and project (the default)'
                return 0
            case '*'
                printf '%s\n' "lsvirtualenv: unknown option $arg" '  usage: lsvirtualenv [-b|-l]' >&2
                return 2
        end
    end
    __pyshim_vew_need_home lsvirtualenv; or return
    for name in (__pyshim_vew_names)
        if test $long = 0
            printf '%s\n' $name
            continue
        end
        set -l env $WORKON_HOME/$name
        printf '%s\n' $name (string repeat -n (string length -- $name) =)
        if test -f $env/pyvenv.cfg
            set -l py_version (string replace -rf -- '^\s*version(_info)?\s*=\s*([0-9]+\.[0-9]+\.[0-9]+).*$' '$2' <$env/pyvenv.cfg)
            test -n "$py_version[1]"; and printf '%s\n' "python $py_version[1]"
        end
        set -l project_file (__pyshim_vew_project_file $env)
        if test -f $project_file
            read -l project <$project_file
            printf '%s\n' "project $project"
        end
        echo
    end
end

function cdvirtualenv --description 'cd to the active virtual environment, or a directory inside it'
    __pyshim_vew_need_active cdvirtualenv; or return
    # Not $VIRTUAL_ENV/$argv[1]: with no argument that expands to nothing.
    set -l dir $VIRTUAL_ENV
    set -q argv[1]; and set dir $VIRTUAL_ENV/$argv[1]
    cd -- $dir
end

function cdproject --description 'cd to the project directory of the active virtual environment'
    __pyshim_vew_need_active cdproject; or return
    set -l project_file (__pyshim_vew_project_file $VIRTUAL_ENV)
    if not test -f $project_file
        printf '%s\n' "cdproject: no project set in $project_file" '  run: setvirtualenvproject' >&2
        return 1
    end
    read -l project <$project_file
    if test -z "$project"; or not test -d "$project"
        printf '%s\n' "cdproject: the project directory '$project' does not exist" '  run: setvirtualenvproject' >&2
        return 1
    end
    cd -- $project
end

function setvirtualenvproject --description 'Associate a project directory with a virtual environment' --argument-names env project
    test -n "$env"; or set env $VIRTUAL_ENV
    test -n "$project"; or set project $PWD
    if test -z "$env"
        printf '%s\n' 'setvirtualenvproject: no virtual environment is active' '  usage: setvirtualenvproject [ENV [PROJECT_DIR]]' >&2
        return 2
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
    set project (builtin realpath -- $project)
    printf '%s\n' "Setting project for "(string replace -r -- '^.*/' '' (string trim -r -c / -- $env))" to $project"
    set -l project_file (__pyshim_vew_project_file $env)
    printf '%s\n' $project >$project_file
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
                printf '%s\n' "toggleglobalsitepackages: unknown option $arg" '  usage: toggleglobalsitepackages [-q]' >&2
                return 2
        end
    end
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

# --- completion -------------------------------------------------------------

# Replace, not add to, what was there: the lazy stubs' completions from
# init.fish, or this file's own when it is sourced again.
for __pyshim_vew_cmd in workon rmvirtualenv cdvirtualenv lsvirtualenv toggleglobalsitepackages mkvirtualenv setvirtualenvproject
    complete -e -c $__pyshim_vew_cmd
end
set -e __pyshim_vew_cmd

complete -c workon -f -a '(__pyshim_vew_names)' -d 'virtual environment'
complete -c workon -s c -l cd -d 'cd to the project directory'
complete -c workon -s n -l no-cd -d 'do not cd to the project directory'
complete -c workon -s h -l help -d 'show help'
complete -c rmvirtualenv -f -a '(__pyshim_vew_names)' -d 'virtual environment'
complete -c cdvirtualenv -f -a '(__pyshim_vew_env_subdirs)'
complete -c lsvirtualenv -f -s b -d 'brief: names only'
complete -c lsvirtualenv -f -s l -d 'long: with Python version and project'
complete -c lsvirtualenv -f -s h -d 'show help'
complete -c toggleglobalsitepackages -f -s q -d 'say nothing'
complete -c mkvirtualenv -s a -x -a '(__fish_complete_directories)' -d 'project directory'
complete -c mkvirtualenv -s r -r -F -d 'requirements file'
complete -c mkvirtualenv -s i -x -d 'package to install'
complete -c mkvirtualenv -l system-site-packages -d 'give access to the global site-packages'
complete -c mkvirtualenv -s h -l help -d 'show help'
complete -c setvirtualenvproject -x -a '(__pyshim_vew_names; __fish_complete_directories)'
