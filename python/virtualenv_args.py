# virtualenv's command line as pyshim's `virtualenv-X.Y` reads it: virtualenv
# 20's option table (its names, not its code) in argparse, so one destination,
# abbreviations and refusals behave as virtualenv's do; the option groups that
# decide which way an environment can be made; virtualenv's own checks of the
# destination; and whether the user set virtualenv defaults elsewhere.
#
# It runs on every Python that may run mkenv.py, 2.7 included: no f-strings.
import os
import sys

# Options only virtualenv's own seeder honours.
SEEDER_OPTIONS = ("seeder", "extra_search_dir", "pip", "setuptools", "wheel", "download", "symlink_app_data",
                  "upgrade_embed_wheels")
# Options virtualenv's creator honours and the stdlib venv has no way to.
CREATOR_OPTIONS = ("activators", "creator", "discovery", "try_first_with", "app_data", "read_only_app_data",
                   "reset_app_data", "with_traceback")
# Options that change what virtualenv writes: with any of them, no skeleton.
SHAPING = ("system_site_packages", "copies", "prompt", "no_vcs_ignore") + CREATOR_OPTIONS + SEEDER_OPTIONS


class Refused(Exception):
    pass


def virtualenv_parser(name):
    """virtualenv 20's command line (its option table, not its code)."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message):
            raise Refused(message)

    p = Parser(prog=name, add_help=False)
    p.add_argument("--version", action="store_true")
    p.add_argument("--with-traceback", action="store_true")
    talk = p.add_mutually_exclusive_group()
    talk.add_argument("-v", "--verbose", action="count", default=0)
    talk.add_argument("-q", "--quiet", action="count", default=0)
    p.add_argument("--read-only-app-data", action="store_true")
    p.add_argument("--app-data")
    p.add_argument("--reset-app-data", action="store_true")
    p.add_argument("--upgrade-embed-wheels", action="store_true")
    p.add_argument("--discovery")
    p.add_argument("-p", "--python", action="append")
    p.add_argument("--try-first-with", action="append")
    p.add_argument("--creator")
    p.add_argument("--seeder")
    p.add_argument("--no-seed", "--without-pip", action="store_true")
    p.add_argument("--activators")
    p.add_argument("--clear", action="store_true")
    p.add_argument("--no-vcs-ignore", action="store_true")
    p.add_argument("--system-site-packages", action="store_true")
    links = p.add_mutually_exclusive_group()
    links.add_argument("--symlinks", action="store_true")
    links.add_argument("--copies", "--always-copy", action="store_true")
    fetch = p.add_mutually_exclusive_group()
    fetch.add_argument("--no-download", "--never-download", action="store_true")
    fetch.add_argument("--download", action="store_true")
    p.add_argument("--extra-search-dir", nargs="+", action="append")
    p.add_argument("--pip")
    p.add_argument("--setuptools")
    p.add_argument("--wheel")
    p.add_argument("--no-pip", action="store_true")
    p.add_argument("--no-setuptools", action="store_true")
    p.add_argument("--no-wheel", action="store_true")
    p.add_argument("--no-periodic-update", action="store_true")
    p.add_argument("--symlink-app-data", action="store_true")
    p.add_argument("--prompt")
    p.add_argument("-h", "--help", action="store_true")
    p.add_argument("dest", nargs="?")
    return p


def usage(name, line):
    return ("usage: %s [-v | -q] [--clear] [--system-site-packages] [--symlinks | --copies] [--prompt PROMPT]\n"
            "       [--no-seed] [--no-pip] [--no-setuptools] [--no-wheel] [--no-vcs-ignore] [virtualenv options] DEST\n"
            "Makes a Python %s virtual environment with pip inside, taking virtualenv's options.\n" % (name, line))


def check_dest(raw):
    """virtualenv's own checks of the destination; returns the real path it would use."""
    if os.pathsep in raw:
        raise Refused("argument dest: destination %r must not contain the path separator (%s) as this would "
                      "break the activation scripts" % (raw, os.pathsep))
    encoding = sys.getfilesystemencoding() or "utf-8"
    if sys.version_info[0] >= 3:
        try:
            raw.encode(encoding)
        except UnicodeError:
            raise Refused("argument dest: the file system codec (%s) cannot handle characters within %r"
                          % (encoding, raw))
    if os.path.isfile(raw):
        raise Refused("argument dest: the destination %s already exists and is a file" % raw)
    dest = os.path.realpath(os.path.abspath(raw))
    at = dest
    while True:
        if os.path.exists(at):
            if not os.access(at, os.W_OK):
                raise Refused("argument dest: the destination %s is not write-able at %s"
                              % (os.path.relpath(dest, at), at))
            break
        up = os.path.dirname(at)
        if up == at:
            raise Refused("argument dest: the destination %s is not write-able" % dest)
        at = up
    return dest


def configured():
    """Has the user set virtualenv defaults (VIRTUALENV_* variables, virtualenv.ini)?"""
    if [key for key in os.environ if key.startswith("VIRTUALENV_")]:
        return True
    config = os.path.join(os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser("~/.config"), "virtualenv",
                          "virtualenv.ini")
    return os.path.isfile(config)


def names_line(value, line, target, micro=None):
    """Does `-p VALUE` name the line's own interpreter (X.Y as "3.12", target the line's
    Python, micro its X.Y.Z as probed when the shim was written, or None)? virtualenv's spec
    forms for X.Y: 3.12, 312, python3.12, py3.12, cpython3.12 (and the same with 312), and
    with the micro version (python3.12.1): the line's own is taken, another refused, as is
    any micro version when the line's is not known. A path (anything with a slash) names it
    when it is the same file as the target once links are followed, as `test -ef` in the
    shell shims: no Python is run to find out."""
    if "/" in value:
        try:
            return os.path.samefile(value, target)
        except OSError:
            return False
    for impl in ("cpython", "python", "py", ""):
        if value.startswith(impl):
            version = value[len(impl):]
            return version in (line, line.replace(".", "")) or (micro is not None and version == micro)
    return False


def without_python(args):
    """The arguments less their -p/--python options (-p X, -pX, --python X, --python=X and
    argparse's abbreviations of --python), for commands that are given the line's Python."""
    kept = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            return kept + args[i:]
        key = arg.split("=", 1)[0]
        if arg == "-p" or (len(key) > 3 and "--python".startswith(key)):
            i += 1 if "=" in arg else 2
            continue
        if arg.startswith("-p") and not arg.startswith("--"):
            i += 1
            continue
        kept.append(arg)
        i += 1
    return kept


def option_name(dest_name):
    return "--" + dest_name.replace("_", "-")
