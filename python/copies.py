# pyshim's versioned copies of a line's console scripts. pip's --user
# installs of every Python version write their scripts into the same
# ~/.local/bin, so the last install of `wheel` decides which Python the bare
# `wheel` runs, and `pip3.12 uninstall wheel` takes 3.11's command away too.
# So every console (and gui) script in a line's user site also exists as
# NAME-X.Y in pyshim's bin: a small sh script that runs the entry point with
# the line's interpreter, needing nothing in ~/.local/bin. And when an install
# replaces another line's script there, this says so, naming that line's copy.
#
# Usage (written into installXY by pyshim, or run by `pyshim bootstrap`; not
# typed by people):
#   copies.py install LINE PYTHON BIN TEMPLATE [--pip-module MODULE] -- ARGS...
#       `pip install --user ARGS` in this process, then the line's copies and
#       the notices (stderr); exits with pip's status. MODULE is how the line
#       runs pip (pyshim's Line.pip): pip, or pip.__main__ where the Python
#       cannot run a package (2.6); pip when not given
#   copies.py snapshot LINE PYTHON BIN
#       JSON on stdout: which other line each bare script runs, before an install
#   copies.py plan LINE PYTHON BIN TEMPLATE < SNAPSHOT
#       JSON on stdout, writing nothing: {"write": [{"name", "content" (base64)}],
#       "remove": [name], "notices": [text]}
# LINE is X.Y, PYTHON the line's interpreter as registered (the copies exec
# it), BIN pyshim's bin directory, TEMPLATE the copy's template (copy.sh).
#
# It runs on every Python from 2.6 to 3.14: no f-strings, no set literals or
# dict comprehensions, bytes read and written as they are.
import os
import re
import site
import sys
import time

PY3 = sys.version_info[0] >= 3
# Both also in src/shims/names.ts and src/shims/copies.ts: what marks a file as pyshim's, and as a copy.
SHIM_MARK = "Written by pyshim;"
COPY_MARK = "# pyshim-copy: "
# A script name pyshim puts into a file name and a shell comment as it is.
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]*$")
DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
VERSIONED = re.compile(r"^(.+)-([0-9]+\.[0-9]+)$")
PYTHON_NAME = re.compile(r"^python([0-9]+\.[0-9]+)$")
POSIX_BARE = re.compile(r"^[A-Za-z0-9_./:@%+,-]+$")
# pip's and setuptools' versioned scripts: their wheels list the Python that built them (pip3.6),
# and pip's installer writes the installing Python's names instead (pip2.6).
PIP_VERSIONED = re.compile(r"^(?:pip|easy_install-)([0-9]+(?:\.[0-9]+)?)$")


def read(path, limit=-1):
    """A file's text (bytes decoded so that writing them back gives the same bytes), or None."""
    try:
        f = open(path, "rb")
        try:
            data = f.read(limit)
        finally:
            f.close()
    except (IOError, OSError):
        return None
    if PY3:
        return data.decode("utf-8", "surrogateescape")
    return data


def encode(text):
    if PY3:
        return text.encode("utf-8", "surrogateescape")
    return text


def listdir(path):
    try:
        return sorted(os.listdir(path))
    except OSError:
        return []


def user_base():
    if hasattr(site, "getuserbase"):
        return site.getuserbase()
    return site.USER_BASE


def user_site():
    if hasattr(site, "getusersitepackages"):
        return site.getusersitepackages()
    return site.USER_SITE


def user_bin():
    """Where pip --user puts scripts: {userbase}/bin, on Linux and macOS alike."""
    return os.path.join(user_base(), "bin")


def quote_posix(value):
    """One word for sh, as src/shell/quote.ts quotePosix writes it."""
    if POSIX_BARE.match(value):
        return value
    return "'" + value.replace("'", "'\\''") + "'"


def parse_entry_points(text):
    """[(name, module, attrs)] of the console_scripts and gui_scripts sections of an entry_points.txt."""
    found = []
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        if section not in ("console_scripts", "gui_scripts") or "=" not in line:
            continue
        name, value = line.split("=", 1)
        value = value.split("[", 1)[0].strip()
        if ":" not in value:
            continue
        module, attrs = [part.strip() for part in value.split(":", 1)]
        found.append((name.strip(), module, attrs))
    return found


def console_scripts(site_dir, line=None):
    """{name: (module, attrs, its dist-info)} of every distribution in a user site (wheels' dist-info, eggs' egg-info),
    without versioned pip/easy_install names of another Python than `line` (X.Y), which pip never wrote."""
    scripts = {}
    for entry in listdir(site_dir):
        if not (entry.endswith(".dist-info") or entry.endswith(".egg-info")):
            continue
        text = read(os.path.join(site_dir, entry, "entry_points.txt"))
        if text is None:
            continue
        for name, module, attrs in parse_entry_points(text):
            other = PIP_VERSIONED.match(name)
            if other and line and other.group(1) not in (line, line.split(".")[0]):
                continue
            if SAFE_NAME.match(name) and DOTTED.match(module) and DOTTED.match(attrs):
                scripts[name] = (module, attrs, os.path.join(site_dir, entry))
    return scripts


def copy_name(name, line):
    """NAME-X.Y, or None for a name that already ends in the line's version (pip3.12): no other line writes it."""
    if name.endswith(line):
        return None
    return name + "-" + line


def bytes_literal(path):
    """A path as a b'\\x..' literal, which every Python from 2.6 reads alike whatever its characters."""
    if not isinstance(path, bytes):
        path = os.fsencode(path) if hasattr(os, "fsencode") else path.encode(sys.getfilesystemencoding() or "utf-8")
    return "b'" + "".join("\\x%02x" % (c if isinstance(c, int) else ord(c)) for c in path) + "'"


def render(template, line, python, name, module, attrs, dist):
    """The copy of script `name`: sh that execs the line's interpreter on the entry point."""
    first, _, rest = attrs.partition(".")
    call = "entry" + ("." + rest if rest else "")
    copy = copy_name(name, line)
    gone = "%s: %s is no longer installed for Python %s (pip uninstalled it); its copy goes at the next install%s, or: pyshim bootstrap %s\n" % (
        copy, name, line, line.replace(".", ""), line)
    # Like a console script: argv[0] is the command as run, and the current
    # directory is not searched for modules ('' is what -c puts first). An
    # entry point that no longer imports because its distribution was
    # uninstalled says so in one line; any other ImportError is the program's.
    code = "\n".join([
        "import sys",
        "del sys.argv[0]",
        "sys.path[:1] = [p for p in sys.path[:1] if p]",
        "try:",
        "    from %s import %s as entry" % (module, first),
        "except ImportError:",
        "    import os",
        "    if os.path.isdir(%s):" % bytes_literal(dist),
        "        raise",
        "    sys.stderr.write(%r)" % gone,
        "    sys.exit(127)",
        "sys.exit(%s())" % call,
    ])
    values = {
        "NAME": copy,
        "SCRIPT": name,
        "LINE": line,
        "SUFFIX": line.replace(".", ""),
        "ENTRY": module + ":" + attrs,
        "PYTHON": quote_posix(python),
        "MISSING": quote_posix("%s: the %s interpreter %s is gone; run: pyshim doctor" % (copy, line, python)),
        "CODE": quote_posix(code),
    }
    return re.sub(r"\{\{([A-Z0-9_]+)\}\}", lambda m: values[m.group(1)], template)


def copy_of(text, line):
    """The script name a file is this line's copy of, or None (a shim, the user's own file, another line's copy)."""
    if text is None or SHIM_MARK not in text:
        return None
    m = re.search("^" + re.escape(COPY_MARK + line + " ") + r"(\S+)$", text, re.M)
    return m and m.group(1)


def interpreter_of(script):
    """The interpreter a pip-written script runs: its #! line, or the `'''exec' "PATH"` form pip uses for long paths."""
    head = read(script, 1024)
    if not head or not head.startswith("#!"):
        return None
    lines = head.splitlines()
    first = lines[0][2:].strip()
    if first == "/bin/sh" and len(lines) > 1:
        m = re.match(r"^'''exec' \"([^\"]*)\"", lines[1]) or re.match(r"^'''exec' (\S+)", lines[1])
        return m and m.group(1)
    return first.split(" ")[0] or None


def version_of(interpreter):
    """X.Y of an interpreter path (its real file is pythonX.Y), or None: a user site belongs to an X.Y."""
    if not interpreter:
        return None
    for path in (os.path.realpath(interpreter), interpreter):
        m = PYTHON_NAME.match(os.path.basename(path))
        if m:
            return m.group(1)
    return None


def tilde(path):
    home = os.environ.get("HOME", "").rstrip("/")
    if home and path.startswith(home + "/"):
        return "~" + path[len(home):]
    return path


def snapshot(line, bin_dir):
    """{name: X.Y} for each bare script that another line has a versioned command for (NAME-X.Y in pyshim's bin)."""
    others = {}
    for entry in listdir(bin_dir):
        m = VERSIONED.match(entry)
        if m and m.group(2) != line and SAFE_NAME.match(m.group(1)):
            others.setdefault(m.group(1), []).append(m.group(2))
    runs = {}
    scripts = user_bin()
    for name in others:
        version = version_of(interpreter_of(os.path.join(scripts, name)))
        if version in others[name] and is_ours(os.path.join(bin_dir, name + "-" + version)):
            runs[name] = version
    return runs


def is_ours(path):
    text = read(path, 4096)
    return text is not None and SHIM_MARK in text


def plan(line, python, bin_dir, template, before):
    """What to write and remove in pyshim's bin for this line's copies, and the notices for `before`'s scripts."""
    scripts = console_scripts(user_site(), line)
    write, remove = [], []
    for name in sorted(scripts):
        copy = copy_name(name, line)
        if copy is None:
            continue
        path = os.path.join(bin_dir, copy)
        current = read(path)
        if current is not None and copy_of(current, line) != name:
            continue  # not this line's copy of name: the virtualenv-X.Y shim, or the user's file
        module, attrs, dist = scripts[name]
        content = render(template, line, python, name, module, attrs, dist)
        if current != content or not os.access(path, os.X_OK):
            write.append((copy, content))
    for entry in listdir(bin_dir):
        if entry.endswith("-" + line):
            name = copy_of(read(os.path.join(bin_dir, entry)), line)
            if name and entry == copy_name(name, line) and name not in scripts:
                remove.append(entry)
    notices = []
    for name in sorted(before):
        was = before[name]
        if version_of(interpreter_of(os.path.join(user_bin(), name))) == line:
            notices.append("pyshim: %s now runs %s (was %s); %s's is %s-%s" % (tilde(os.path.join(user_bin(), name)), line, was, was, name, was))
    return write, remove, notices


def write_file(path, content):
    """Atomically, as src/util/atomic.ts does (its temporary name is one uninstall knows)."""
    tmp = os.path.join(os.path.dirname(path), ".%s.pyshim-%d-%d.tmp" % (os.path.basename(path), os.getpid(), int(time.time() * 1000)))
    data = encode(content)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o755)
    try:
        while data:
            data = data[os.write(fd, data):]
        os.fchmod(fd, 0o755)
    finally:
        os.close(fd)
    try:
        os.rename(tmp, path)
    except OSError:
        os.remove(tmp)
        raise


def apply(write, remove, bin_dir):
    for name, content in write:
        write_file(os.path.join(bin_dir, name), content)
    for name in remove:
        os.remove(os.path.join(bin_dir, name))


def site_state():
    """What changes when pip installs or removes anything in the user site or its bin."""
    state = []
    for path in (user_site(), user_bin()):
        try:
            state.append((os.stat(path).st_mtime, listdir(path)))
        except OSError:
            state.append(None)
    return state


def run_pip(python, args, module="pip"):
    """`python -m MODULE ARGS` (MODULE: pip or pip.__main__) in this process; pip's exit status."""
    # This script's directory is not pip's business (`-m pip` drops the current directory the same way).
    if sys.path and os.path.realpath(sys.path[0] or ".") == os.path.dirname(os.path.realpath(__file__)):
        del sys.path[0]
    sys.argv = ["pip"] + args
    import runpy
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as done:
        code = done.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        sys.stderr.write("%s\n" % (code,))
        return 1
    except ImportError:
        if "pip" in sys.modules:
            raise
        sys.stderr.write("%s: No module named pip\n" % python)
        return 1
    return 0


def install(line, python, bin_dir, template_file, args, module="pip"):
    """pip install --user ARGS, then this line's copies; pip's status is the exit status, whatever happens after."""
    # Another user base (PYTHONUSERBASE) has a bin of its own, which the copies do not mirror.
    before = state = None
    if "PYTHONUSERBASE" not in os.environ:
        try:
            before, state = snapshot(line, bin_dir), site_state()
        except Exception:
            before = None
    status = run_pip(python, ["install", "--user"] + args, module)
    if before is not None:
        try:
            if site_state() != state:
                template = read(template_file)
                if template is None:
                    raise IOError("%s is missing; run: pyshim doctor" % template_file)
                write, remove, notices = plan(line, python, bin_dir, template, before)
                apply(write, remove, bin_dir)
                for notice in notices:
                    sys.stderr.write(notice + "\n")
        except Exception as error:
            sys.stderr.write("pyshim: the %s line's versioned copies were not updated: %s\n" % (line, error))
    sys.exit(status)


def main(argv):
    mode, line, python, bin_dir = argv[1:5]
    if mode == "install" and argv[6:7] == ["--"]:
        install(line, python, bin_dir, argv[5], argv[7:])
    if mode == "install" and argv[6:7] == ["--pip-module"] and argv[7] in ("pip", "pip.__main__") and argv[8:9] == ["--"]:
        install(line, python, bin_dir, argv[5], argv[9:], argv[7])
    # Only pyshim's own calls need these; installXY's path imports nothing more than pip does.
    import base64
    import json

    if mode == "snapshot":
        sys.stdout.write(json.dumps(snapshot(line, bin_dir)) + "\n")
    elif mode == "plan":
        before = dict((str(name), str(was)) for name, was in json.loads(sys.stdin.read() or "{}").items())
        write, remove, notices = plan(line, python, bin_dir, read(argv[5]), before)
        report = {
            "write": [{"name": n, "content": base64.b64encode(encode(c)).decode("ascii")} for n, c in write],
            "remove": remove,
            "notices": notices,
        }
        sys.stdout.write(json.dumps(report) + "\n")
    else:
        sys.stderr.write("copies.py: unknown mode %r\n" % mode)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv)
