# pyshim's `virtualenv-X.Y` for a line that borrows another Python's
# virtualenv. Run by that HOST Python, it makes the environment with
# `virtualenv --no-seed -p TARGET`, then installs pip (and setuptools) from
# the TARGET's own ensurepip wheels, with pip run straight from its wheel.
# That needs no download and no wheel the host's virtualenv happens to carry,
# so an old target (2.7, 3.6) gets the pip that shipped with it. Without
# --seed-wheel the host's virtualenv seeds as it normally does.
#
# Usage (written into the shim by pyshim, not typed by people):
#   mkenv.py --name NAME --target PYTHON --label LABEL [--seed-wheel WHL]... -- [virtualenv options] DEST
#
# It runs on every Python a virtualenv may run on, 2.7 included: no
# f-strings, output through sys.stderr.write / sys.stdout.write.
import os
import subprocess
import sys

# virtualenv's seeding options: meaningless once pip comes from ensurepip's wheels.
SEED_OPTIONS = ("--pip", "--setuptools", "--wheel", "--seeder", "--extra-search-dir",
                "--download", "--symlink-app-data", "--reset-app-data")
# Honoured by construction: nothing is downloaded and wheel is never installed.
NO_OPS = ("--no-wheel", "--no-download", "--never-download", "--no-periodic-update")
NO_PIP = ("--no-pip", "--without-pip", "--no-seed")


def say(name, message, hint=None):
    sys.stderr.write("%s: %s\n" % (name, message))
    if hint:
        sys.stderr.write("  %s\n" % hint)


def names_python(arg):
    if arg in ("-p", "--python") or arg.startswith("--python="):
        return True
    return arg.startswith("-p") and not arg.startswith("--")


def repeats(arg, short, long_name):
    """How often -v/-vv/--verbose (or -q…) says it."""
    if arg == long_name:
        return 1
    body = arg[1:]
    if arg.startswith("-") and not arg.startswith("--") and body and body == short * len(body):
        return len(body)
    return 0


def parse_own(argv):
    own = {"name": "virtualenv", "target": None, "label": "virtualenv", "wheels": []}
    i = 0
    while i < len(argv):
        key = argv[i]
        if key == "--":
            return own, argv[i + 1:]
        if i + 1 >= len(argv):
            break
        value = argv[i + 1]
        if key == "--seed-wheel":
            own["wheels"].append(value)
        elif key in ("--name", "--target", "--label"):
            own[key[2:]] = value
        else:
            break
        i += 2
    raise SystemExit("mkenv.py: usage: mkenv.py --name NAME --target PYTHON --label LABEL "
                     "[--seed-wheel WHL]... -- [options] DEST")


def seed_env(python):
    """Environment for pip run from a wheel: no user config, no version nags."""
    env = dict(os.environ)
    for key in list(env):
        if key.startswith("PIP_"):
            del env[key]
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PIP_NO_PYTHON_VERSION_WARNING"] = "1"
    env["PIP_NO_INPUT"] = "1"
    return env


def main():
    own, args = parse_own(sys.argv[1:])
    name, target, label, wheels = own["name"], own["target"], own["label"], own["wheels"]
    line = name.split("-", 1)[-1]
    quiet = verbose = 0
    no_pip = no_setuptools = False
    passed = []
    for arg in args:
        if names_python(arg):
            say(name, "makes Python %s environments only; it does not take %s" % (line, arg),
                "for another version use that version's virtualenv-X.Y")
            return 2
        quiet += repeats(arg, "q", "--quiet")
        verbose += repeats(arg, "v", "--verbose")
        if not wheels:
            passed.append(arg)
            continue
        option = arg.split("=", 1)[0]
        if option in SEED_OPTIONS:
            say(name, "option %s is not available with the %s backend" % (option, label),
                "pip comes from Python %s's own ensurepip wheels; upgrade it inside the environment" % line)
            return 2
        if arg in NO_PIP:
            no_pip = True
        elif arg == "--no-setuptools":
            no_setuptools = True
        elif arg not in NO_OPS:
            passed.append(arg)

    if not wheels:
        command = [sys.executable, "-m", "virtualenv", "-p", target] + passed
        if verbose:
            say(name, "running: %s" % " ".join(command))
        os.execv(sys.executable, command)

    try:
        from virtualenv import cli_run
    except Exception:
        e = sys.exc_info()[1]
        say(name, "%s can no longer import virtualenv (%s)" % (sys.executable, e),
            "run: pyshim add %s (chooses the backend again)" % line)
        return 1
    missing = [w for w in wheels if not os.path.isfile(w)]
    if missing and not no_pip:
        say(name, "the seed wheel %s is gone (was Python %s upgraded?)" % (missing[0], line),
            "run: pyshim add %s (chooses the backend again)" % line)
        return 1
    try:
        session = cli_run(["--no-seed", "-p", target] + passed, setup_logging=bool(verbose))
    except SystemExit:
        raise
    except Exception:
        e = sys.exc_info()[1]
        say(name, "virtualenv could not create the environment: %s" % e)
        return 1
    python = str(session.creator.exe)
    dest = str(session.creator.dest)

    if not no_pip:
        install = [w for w in wheels if no_setuptools is False or not os.path.basename(w).startswith("setuptools-")]
        pip_wheel = [w for w in wheels if os.path.basename(w).startswith("pip-")][0]
        # pip runs from its own wheel (the bootstrap ensurepip uses), and
        # --ignore-installed puts it into the environment even when
        # --system-site-packages makes the base Python's pip visible.
        command = [python, os.path.join(pip_wheel, "pip"), "install", "--no-index", "--ignore-installed",
                   "--no-warn-script-location"] + install
        if verbose:
            say(name, "running: %s" % " ".join(command))
        else:
            command.append("--quiet")
        child = subprocess.Popen(command, env=seed_env(python), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        output = child.communicate()[0]
        if not isinstance(output, str):
            output = output.decode("utf-8", "replace")
        if verbose or child.returncode != 0:
            sys.stderr.write(output)
        if child.returncode != 0:
            say(name, "installing pip from %s failed (exit %d) in %s" % (pip_wheel, child.returncode, dest))
            return 1
    if not quiet:
        sys.stdout.write("created virtual environment %s (Python %s; %s)\n" % (dest, line, label))
    return 0


if __name__ == "__main__":
    sys.exit(main())
