# pyshim's `virtualenv-X.Y` (run through mkenv.py): makes one environment
# the way virtualenv's command line asks, fast. The shim runs it with the
# line's Python (the venv and own-virtualenv backends) or with the Python
# whose virtualenv makes the line's environments (the host backend). It
#   1. reads the arguments as virtualenv 20 does (virtualenv_args.py), and
#      refuses -p naming another Python (the shim makes X.Y environments only;
#      -p naming the line's own is taken and dropped);
#   2. makes the environment without pip: the stdlib venv in this process, or
#      virtualenv --no-seed (the line's own, or the host's with -p), a plain
#      one copied from a skeleton made once (skeleton.py), or (a virtualenv
#      older than 20, 15.2 for 2.6, run by the line's Python) its own
#      command line with --no-setuptools --no-pip --no-wheel;
#   3. puts pip (and setuptools where the line's ensurepip has it) in from
#      pyshim's seed cache (seed.py): unpacked once per X.Y, then linked or
#      copied, so no pip runs. Should the cache fail, pip is installed from
#      the line's ensurepip wheel instead, as before.
# What that way cannot honour (--pip VERSION, --seeder, --activators on venv,
# and any option this table does not know) goes to the line's own virtualenv
# when it has one; otherwise it is refused with the backend named.
#
# Usage (written into the shim by pyshim, not typed by people), through mkenv.py:
#   mkenv.py --name NAME --target PYTHON --label LABEL --create venv|virtualenv|old-virtualenv
#            [--full-virtualenv] [--micro X.Y.Z] [--seeds DIR] [--seed-wheel WHL]... -- [virtualenv options] DEST
#
# It runs on every Python that may run it, 2.7 included: no f-strings.
import os
import sys

from virtualenv_args import (CREATOR_OPTIONS, SEEDER_OPTIONS, SHAPING, Refused, check_dest, configured, names_line,
                             option_name, usage, virtualenv_parser, without_python)


def say(name, message, hint=None):
    sys.stderr.write("%s: %s\n" % (name, message))
    if hint:
        sys.stderr.write("  %s\n" % hint)


def usage_error(name, message):
    """What virtualenv's argparse says, in two lines: the error, and where the options are listed."""
    say(name, "error: %s" % message, "usage: %s [options] DEST (%s --help lists them)" % (name, name))
    return 2


def parse_own(argv):
    own = {"name": "virtualenv", "target": None, "label": "virtualenv", "create": "venv", "seeds": None,
           "wheels": [], "full": False, "micro": None}
    i = 0
    while i < len(argv):
        key = argv[i]
        if key == "--":
            return own, argv[i + 1:]
        if key == "--full-virtualenv":
            own["full"] = True
            i += 1
            continue
        if i + 1 >= len(argv):
            break
        value = argv[i + 1]
        if key == "--seed-wheel":
            own["wheels"].append(value)
        elif key in ("--name", "--target", "--label", "--create", "--seeds", "--micro"):
            own[key[2:]] = value
        else:
            break
        i += 2
    raise SystemExit("mkenv.py: usage: mkenv.py --name NAME --target PYTHON --label LABEL --create venv|virtualenv "
                     "[--full-virtualenv] [--micro X.Y.Z] [--seeds DIR] [--seed-wheel WHL]... -- [options] DEST")


def run_virtualenv(python, args, name, verbose):
    """Hand everything to a full virtualenv (its own seeding included)."""
    # A host run with -s means the virtualenv its user site hides: keep it so.
    flags = ["-s"] if python == sys.executable and sys.flags.no_user_site else []
    command = [python] + flags + ["-m", "virtualenv"] + args
    if verbose:
        say(name, "running: %s" % " ".join(command))
    sys.stdout.flush()
    os.execv(python, command)


def unpacker(python):
    """New seeds' files unpacked and compiled by the target Python, on every
    core: the jobs dealt out by weight to one worker per core (seed.work),
    each extracting its share and compiling it as it goes, so writing files
    and compiling overlap. (compileall's own -j starts a forkserver and a
    process pool: more process starts, and their CPU time hidden from whoever
    waits for it.)"""
    def run(jobs):
        import subprocess
        import seed
        shares = seed.deal(jobs, max(1, min(cpu_count(), 8, len(jobs))))
        here = os.path.dirname(os.path.abspath(__file__))
        # -S: nothing from site-packages is needed; seed comes from pyshim's runtime dir.
        command = [python, "-S", "-W", "ignore", "-c", WORKER, here]
        children = [subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                    for _ in shares]
        # Each worker reads its whole share before it starts: write them all, then wait.
        for child, share in zip(children, shares):
            child.stdin.write(share)
            child.stdin.close()
        failed = []
        for child in children:
            said = child.stdout.read()
            child.stdout.close()
            if child.wait() != 0:
                failed.append(said.decode("utf-8", "replace").strip().splitlines()[-1:] or ["exit %d" % child.returncode])
        if failed:
            raise seed.SeedError("unpacking the seed failed: %s" % failed[0][0])
    return run


# A seed worker, for every Python from 2.6 on: pyshim's runtime dir as its
# argument, its share on stdin; no seed.pyc from Python 2 (see mkenv.py).
WORKER = ("import sys; sys.dont_write_bytecode = sys.dont_write_bytecode or sys.version_info[0] < 3; "
          "sys.path.insert(0, sys.argv[1]); import seed; "
          "seed.work(getattr(sys.stdin, 'buffer', sys.stdin).read())")


def cpu_count():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        import multiprocessing
        return multiprocessing.cpu_count()


def with_site():
    """The shims run this helper with -S (importing site and its .pth files
    is a good part of a warm environment's cost, and venv needs none of it).
    virtualenv lives in site-packages: load site before importing it."""
    if sys.flags.no_site and not getattr(with_site, "done", False):
        with_site.done = True
        import site
        site.main()


def seed_env(environ):
    """Environment for pip run from a wheel: no user config, no version nags."""
    env = dict(environ)
    for key in list(env):
        if key.startswith("PIP_"):
            del env[key]
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PIP_NO_PYTHON_VERSION_WARNING"] = "1"
    env["PIP_NO_INPUT"] = "1"
    return env


def pip_from_wheel(name, python, wheels, dest, verbose):
    """The slow way, when the seed cache cannot be used: pip run from its own wheel."""
    import subprocess
    pip_wheel = [w for w in wheels if os.path.basename(w).startswith("pip-")]
    runner = (pip_wheel or wheels)[0]
    # --ignore-installed puts the seed into the environment even when
    # --system-site-packages makes the base Python's pip visible.
    command = [python, os.path.join(runner, "pip"), "install", "--no-index", "--ignore-installed",
               "--no-warn-script-location"] + wheels
    if verbose:
        say(name, "running: %s" % " ".join(command))
    else:
        command.append("--quiet")
    child = subprocess.Popen(command, env=seed_env(os.environ), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = child.communicate()[0]
    if not isinstance(output, str):
        output = output.decode("utf-8", "replace")
    if verbose or child.returncode != 0:
        sys.stderr.write(output)
    if child.returncode != 0:
        say(name, "installing %s failed (exit %d) in %s" % (os.path.basename(runner), child.returncode, dest))
        return False
    return True


class Made(object):
    """Where the new environment keeps what the seed needs."""

    def __init__(self, dest, python, purelib, bin_dir, tag, version):
        self.dest = dest
        self.python = python
        self.purelib = purelib
        self.bin_dir = bin_dir
        self.tag = tag
        self.version = version


def create_venv(dest, opts, name):
    import venv
    kwargs = {"system_site_packages": opts.system_site_packages, "clear": opts.clear,
              "symlinks": not opts.copies, "with_pip": False}
    if opts.prompt is not None:
        kwargs["prompt"] = os.path.basename(os.getcwd()) if opts.prompt == "." else opts.prompt
    try:
        builder = venv.EnvBuilder(**kwargs)
    except TypeError:
        raise Refused("--prompt needs the venv of Python 3.6 or newer")
    builder.create(dest)
    purelib, bin_dir, tag = venv_layout(dest)
    python = os.path.join(bin_dir, os.path.basename(sys.executable))
    if not os.path.exists(python):
        python = os.path.join(bin_dir, "python")
    vi = sys.version_info
    return Made(dest, python, purelib, bin_dir, tag, (vi[0], vi[1]))


def venv_layout(dest):
    """Where this Python's venv puts site-packages and scripts in `dest`, and its seed tag: known
    before venv runs, so the seed can be placed while venv makes the rest."""
    vi = sys.version_info
    purelib = None
    try:
        import sysconfig
        if "venv" in sysconfig.get_scheme_names():
            purelib = sysconfig.get_path("purelib", "venv", vars={"base": dest, "platbase": dest})
    except Exception:
        purelib = None
    if not purelib:
        purelib = os.path.join(dest, "lib", "python%d.%d" % vi[:2], "site-packages")
    impl = getattr(getattr(sys, "implementation", None), "name", "cpython")
    from seed import impl_tag
    return purelib, os.path.join(dest, "bin"), impl_tag(impl, vi[0], vi[1])


def place_early(own, wheels, dest, opts):
    """With venv and every seed already built, link the seeds' files into the new environment's
    site-packages in a child process while this one runs venv: on two cores the links (a thousand
    and more, the larger part of a warm environment) cost no wall time. Returns the child's pid and
    the seeds with their manifests, or None where it does not apply (--clear would empty what the child put there,
    --copies copies, no fork)."""
    if own["create"] != "venv" or not own["seeds"] or not wheels or opts.clear or opts.copies or not hasattr(os, "fork"):
        return None
    import seed as cache
    purelib, _bin, tag = venv_layout(dest)
    seeds = [cache.seed_path(own["seeds"], tag, w) for w in wheels]
    if not all(cache.complete(s) for s in seeds):
        return None
    # Read once, here: the child places the files, this process writes the scripts after venv.
    seeds = [(found, cache.read_manifest(found)) for found in seeds]
    # Made here, before the child starts: venv makes what is missing of this path, and must find it made.
    if not os.path.isdir(purelib):
        os.makedirs(purelib)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            placer = cache.Placer(False)
            for found, manifest in seeds:
                cache.place_files(found, purelib, placer, manifest)
            code = 0 if placer.link else 3
        finally:
            os._exit(code)
    return pid, seeds


def reap(early):
    """Wait for the child of place_early, if any (venv failed: its links are moot)."""
    if early:
        os.waitpid(early[0], 0)


def finish_early(early, made):
    """The child's links done, the scripts and RECORDs; False when the child failed (the caller then
    seeds the usual way, which replaces whatever the child placed)."""
    pid, seeds = early
    _pid, status = os.waitpid(pid, 0)
    if status != 0:
        return False
    import seed as cache
    for found, manifest in seeds:
        cache.install_scripts(found, made.purelib, made.bin_dir, made.python, manifest)
    return True


def create_virtualenv(target, args, verbose, name, line):
    try:
        from virtualenv import cli_run
    except Exception:
        e = sys.exc_info()[1]
        say(name, "%s can no longer import virtualenv (%s)" % (sys.executable, e),
            "run: pyshim add %s (chooses the backend again)" % line)
        raise SystemExit(1)
    session = cli_run(["--no-seed", "-p", target] + args, setup_logging=bool(verbose))
    creator = session.creator
    info = session.interpreter
    from seed import impl_tag
    vi = info.version_info
    return Made(str(creator.dest), str(creator.exe), str(creator.purelib), str(creator.bin_dir),
                impl_tag(str(info.implementation), vi[0], vi[1]), (vi[0], vi[1]))


def create_old_virtualenv(target, opts, dest, verbose, name, line):
    """An environment without pip by a virtualenv older than 20 (its own command line), run by
    the line's Python: for a line whose virtualenv cannot seed pip itself (15.2 on 2.6rc2)."""
    import subprocess
    command = [target, "-m", "virtualenv", "--no-setuptools", "--no-pip", "--no-wheel"]
    if opts.clear:
        command.append("--clear")
    if opts.system_site_packages:
        command.append("--system-site-packages")
    if opts.copies:
        command.append("--always-copy")
    if opts.prompt is not None:
        command += ["--prompt", os.path.basename(os.getcwd()) if opts.prompt == "." else opts.prompt]
    command += ["-v"] * verbose if verbose else ["-q"]
    command.append(dest)
    if verbose:
        say(name, "running: %s" % " ".join(command))
    sys.stdout.flush()
    status = subprocess.call(command)
    if status != 0:
        raise Exception("%s -m virtualenv failed (exit %d)" % (target, status))
    python = os.path.join(dest, "bin", "python")
    # Where the environment keeps its packages, and what it is, from the environment itself.
    child = subprocess.Popen([python, "-c", "import sys; from distutils.sysconfig import get_python_lib; "
                              "sys.stdout.write(get_python_lib() + '\\n' + "
                              "getattr(getattr(sys, 'implementation', None), 'name', 'cpython'))"],
                             stdout=subprocess.PIPE)
    out = child.communicate()[0]
    if child.returncode != 0:
        raise Exception("the new environment's python does not run")
    purelib, impl = out.decode("utf-8").split("\n")
    from seed import impl_tag
    major, minor = [int(n) for n in line.split(".")[:2]]
    return Made(dest, python, purelib, os.path.join(dest, "bin"), impl_tag(impl, major, minor), (major, minor))


def from_skeleton(own, dest, opts, log):
    """A plain environment copied from a skeleton virtualenv made once (skeleton.py); None when not usable."""
    if [o for o in SHAPING if getattr(opts, o)] or not own["seeds"] or configured() or not plain_place_ok(dest):
        return None
    if os.path.lexists(dest) and not opts.clear and not (os.path.isdir(dest) and not os.listdir(dest)):
        return None
    import skeleton
    from seed import impl_tag
    identity = skeleton.virtualenv_identity()
    if identity is None:
        return None
    target = own["target"]

    def make(env):
        from virtualenv import cli_run
        session = cli_run(["--no-seed", "-q", "-p", target, env], setup_logging=False)
        creator, info = session.creator, session.interpreter
        vi = info.version_info
        return (str(creator.purelib), str(creator.bin_dir), str(creator.exe),
                impl_tag(str(info.implementation), vi[0], vi[1]), vi[0], vi[1])

    found = skeleton.ensure(own["seeds"], target, identity, make, log)
    info = skeleton.read_manifest(found)
    if info.get("usable") != "1":
        return None
    if os.path.lexists(dest) and opts.clear:
        import shutil
        shutil.rmtree(dest)
    log("copying %s to %s" % (found, dest))
    try:
        skeleton.copy(found, dest)
    except Exception:
        import shutil
        shutil.rmtree(dest, True)
        raise
    major, minor = [int(n) for n in info["version"].split()]
    return Made(dest, os.path.join(dest, info["exe"]), os.path.join(dest, info["purelib"]),
                os.path.join(dest, info["bin"]), info["tag"], (major, minor))


def plain_place_ok(dest):
    import skeleton
    return skeleton.plain_place(dest)


def put_seed(name, own, made, wheels, copies, verbose):
    """pip (and setuptools) into the new environment; False when even the slow way failed."""
    log = (lambda m: say(name, m)) if verbose else (lambda m: None)
    if own["seeds"]:
        import seed as cache
        python = sys.executable if own["create"] == "venv" else own["target"]
        build = lambda: cache.build_all(own["seeds"], made.tag, wheels, made.version, unpacker(python), log)
        placer = cache.Placer(copies)
        try:
            try:
                for found in build():
                    cache.install(found, made.purelib, made.bin_dir, made.python, placer)
            except (IOError, OSError):
                # A seed someone emptied by hand: build them again, once.
                import shutil
                for found in [cache.seed_path(own["seeds"], made.tag, w) for w in wheels]:
                    shutil.rmtree(found, True)
                for found in build():
                    cache.install(found, made.purelib, made.bin_dir, made.python, placer)
            log("seeded %s from %s (%s)" % (", ".join(os.path.basename(w) for w in wheels), own["seeds"],
                                            "linked" if placer.link else "copied"))
            return True
        except Exception:
            e = sys.exc_info()[1]
            say(name, "the seed cache failed (%s: %s); installing pip from its wheel instead" % (type(e).__name__, e))
    return pip_from_wheel(name, made.python, wheels, made.dest, verbose)


def write_vcs_ignore(dest, opts, name):
    """What virtualenv 20 writes, for the ways that do not (venv, an older virtualenv)."""
    if not opts.no_vcs_ignore and not os.path.exists(os.path.join(dest, ".gitignore")):
        f = open(os.path.join(dest, ".gitignore"), "w")
        f.write("# created by %s (pyshim) automatically\n*\n" % name)
        f.close()


def wanted_wheels(wheels, opts):
    if opts.no_seed:
        return []
    keep = []
    for wheel in wheels:
        base = os.path.basename(wheel)
        if base.startswith("pip-") and opts.no_pip:
            continue
        if base.startswith("setuptools-") and opts.no_setuptools:
            continue
        if base.startswith("wheel-") and opts.no_wheel:
            continue
        keep.append(wheel)
    return keep


def main():
    own, args = parse_own(sys.argv[1:])
    name, target, label, wheels = own["name"], own["target"], own["label"], own["wheels"]
    line = name.split("-", 1)[-1]
    full = own["full"]
    old = own["create"] == "old-virtualenv"
    # The virtualenv that takes what this helper cannot: the line's own, run by the line's
    # Python where that is not the one running this (an old line's helper runs elsewhere).
    virtualenv_python = target if old else sys.executable

    try:
        opts = virtualenv_parser(name).parse_args(args)
    except Refused:
        if full:
            return run_virtualenv(virtualenv_python, args, name, False)
        return usage_error(name, sys.exc_info()[1])
    if opts.python:
        # -p naming the line's own Python (virtualenvwrapper users pass it by habit) is taken and
        # dropped; any other is refused.
        other = [p for p in opts.python if not names_line(p, line, target, own["micro"])]
        if other:
            say(name, "makes Python %s environments only; it does not take -p %s" % (line, other[0]),
                "for another version use that version's virtualenv-X.Y")
            return 2
        args = without_python(args)
    verbose = opts.verbose
    if opts.help:
        if full:
            return run_virtualenv(virtualenv_python, args, name, False)
        sys.stdout.write(usage(name, line))
        sys.stdout.write("Backend: %s.\n" % label)
        return 0
    if opts.version:
        if full or own["create"] != "venv":
            return run_virtualenv(virtualenv_python, ["--version"], name, False)
        sys.stdout.write("%s (pyshim): Python %s environments with %s\n" % (name, line, label))
        return 0

    if not wheels:
        # No ensurepip wheels to seed from: the host's virtualenv seeds with its own.
        return run_virtualenv(sys.executable, ["-p", target] + args, name, verbose)
    seeder = [o for o in SEEDER_OPTIONS if getattr(opts, o)]
    creator = [o for o in CREATOR_OPTIONS if getattr(opts, o)] if own["create"] == "venv" else []
    if full and own["create"] == "venv" and configured():
        # virtualenv would read defaults from there, which venv knows nothing of.
        return run_virtualenv(sys.executable, args, name, verbose)
    if seeder or creator:
        if full:
            return run_virtualenv(virtualenv_python, args, name, verbose)
        if seeder:
            hint = "pip comes from Python %s's own ensurepip wheels; upgrade it inside the environment" % line
        else:
            hint = "try: pyshim bootstrap %s (installs virtualenv for this line)" % line
        say(name, "option %s is not available with the %s backend" % (option_name((seeder or creator)[0]), label), hint)
        return 2
    if opts.dest is None:
        return usage_error(name, "the following arguments are required: dest")

    try:
        # virtualenv's own refusals of the destination, before anything is made.
        dest = check_dest(opts.dest)
    except Refused:
        return usage_error(name, sys.exc_info()[1])
    missing = [w for w in wheels if not os.path.isfile(w)]
    if missing:
        say(name, "the seed wheel %s is gone (was Python %s upgraded?)" % (missing[0], line),
            "run: pyshim add %s (chooses the backend again)" % line)
        return 1

    chosen = wanted_wheels(wheels, opts)
    early = None
    try:
        if own["create"] == "venv":
            if verbose:
                say(name, "making %s with the venv of %s" % (dest, sys.executable))
            early = place_early(own, chosen, dest, opts)
            made = create_venv(dest, opts, name)
            write_vcs_ignore(dest, opts, name)
        elif old:
            made = create_old_virtualenv(target, opts, dest, verbose, name, line)
            write_vcs_ignore(dest, opts, name)
        else:
            with_site()
            made = None
            try:
                made = from_skeleton(own, dest, opts, (lambda m: say(name, m)) if verbose else (lambda m: None))
            except Exception:
                e = sys.exc_info()[1]
                say(name, "the skeleton environment failed (%s: %s); running virtualenv instead" % (type(e).__name__, e))
            if made is None:
                made = create_virtualenv(target, args, verbose, name, line)
    except SystemExit:
        reap(early)
        raise
    except Refused:
        reap(early)
        say(name, str(sys.exc_info()[1]))
        return 2
    except Exception:
        reap(early)
        e = sys.exc_info()[1]
        import shutil
        if isinstance(e, getattr(shutil, "SameFileError", ())):
            # venv --copies over an environment made with links copies each file onto itself.
            say(name, "could not create the environment %s: %s" % (opts.dest, e),
                "it holds an environment whose python is a link; to make it again with copies: add --clear")
            return 1
        say(name, "could not create the environment %s: %s" % (opts.dest, e))
        return 1

    if early and finish_early(early, made):
        if verbose:
            say(name, "seeded %s from %s (linked beside venv)" % (", ".join(os.path.basename(w) for w in chosen), own["seeds"]))
    elif chosen and not put_seed(name, own, made, chosen, opts.copies, verbose):
        return 1
    if not opts.quiet:
        sys.stdout.write("created virtual environment %s (Python %s; %s)\n" % (made.dest, line, label))
    return 0
