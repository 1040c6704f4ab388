# pyshim's seed cache: pip (and setuptools where the line's ensurepip has it)
# unpacked once per Python X.Y and wheel into pyshim's cache dir, then put
# into each new environment by hard links (a copy where links cannot be made,
# or with --copies), as virtualenv's app-data seeder and uv do. A new
# environment then costs a directory walk instead of a pip run.
#
# Layout of one seed, <root>/v1/<impl>-<XY>/<wheel name without .whl>/:
#   site/          the files that go into the environment's site-packages
#                  (the wheel's files, its dist-info with INSTALLER and
#                  REQUESTED, and the bytecode compiled by the target)
#   RECORD         the dist-info's RECORD without the console scripts, which
#                  differ per environment (their #! line names its python)
#   manifest.txt   "dist-info NAME", "script NAME MODULE:ATTR", then "dir REL"
#                  and "file REL" for everything under site/, parents first
#                  (so putting a seed in walks no directory); written last,
#                  so a seed without it is incomplete
# A seed is built in a temporary directory beside it and renamed into place,
# so two environments made at once never see half a seed.
#
# Links are safe to remove: deleting the cache (pyshim uninstall) leaves every
# environment's files in place, since a hard link is the file itself. What the
# environments share is the file's content: pip replaces files (it never
# edits them in place), and `--copies` gives an environment files of its own.
#
# It runs on every Python that may run mkenv.py, 2.7 included: no f-strings.
import binascii
import errno
import os
import shutil
import sys

FORMAT = "v1"
# Errors after which linking cannot work on this file system: copy instead.
NO_LINK = set([errno.EXDEV, errno.EPERM, errno.EMLINK, errno.EACCES,
               getattr(errno, "ENOTSUP", errno.EPERM), getattr(errno, "EOPNOTSUPP", errno.EPERM)])


class SeedError(Exception):
    pass


def impl_tag(name, major, minor):
    """cpython-312, pypy-39: bytecode is shared by every build of one X.Y."""
    return "%s-%d%d" % (name.lower(), major, minor)


def seed_path(root, tag, wheel):
    name = os.path.basename(wheel)
    if name.endswith(".whl"):
        name = name[:-4]
    return os.path.join(root, FORMAT, tag, name)


def sha256(data):
    """hashlib's sha256 without hashlib's start-up (it loads OpenSSL: several ms per environment)."""
    for name in ("_sha2", "_sha256"):
        try:
            return __import__(name).sha256(data).digest()
        except (ImportError, AttributeError):
            continue
    import hashlib
    return hashlib.sha256(data).digest()


def record_hash(data):
    """RECORD's `sha256=<urlsafe base64, unpadded>,<size>`."""
    encoded = binascii.b2a_base64(sha256(data)).decode("ascii").strip().rstrip("=")
    digest = encoded.replace("+", "-").replace("/", "_")
    return "sha256=%s,%d" % (digest, len(data))


def script_names(console, major, minor):
    """pip's own naming for console scripts: pip, pipX, pipX.Y for the target
    Python (the wheel lists the version that built it), and easy_install,
    easy_install-X.Y."""
    console = dict(console)
    names = []
    version = "%d.%d" % (major, minor)
    for base, versioned in (("pip", ("pip%d" % major, "pip" + version)),
                            ("easy_install", ("easy_install-" + version,))):
        spec = console.pop(base, None)
        if spec is None:
            continue
        for key in list(console):
            rest = key[len(base):]
            if key.startswith(base) and (rest.replace(".", "").replace("-", "").isdigit()):
                del console[key]
        for name in (base,) + versioned:
            names.append((name, spec))
    for key in sorted(console):
        names.append((key, console[key]))
    return names


def read_entry_points(dist_info):
    console = {}
    section = None
    try:
        f = open(os.path.join(dist_info, "entry_points.txt"))
    except IOError:
        return console
    try:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#") or line.startswith(";"):
                continue
            if line.startswith("["):
                section = line.strip("[]").strip()
                continue
            if section in ("console_scripts", "gui_scripts") and "=" in line:
                name, spec = line.split("=", 1)
                console[name.strip()] = spec.split("[", 1)[0].strip()
    finally:
        f.close()
    return console


def plan_unpack(wheel, site):
    """What unpacking `wheel` into `site` takes: checks its member names, makes
    every directory (so workers never race to make one), and returns its
    dist-info directory's name and its files as (member, weight) pairs, the
    weight being what extracting and compiling it roughly costs."""
    import zipfile
    archive = zipfile.ZipFile(wheel)
    try:
        infos = archive.infolist()
    finally:
        archive.close()
    files, dist_infos = [], set()
    for info in infos:
        member = info.filename
        parts = member.replace("\\", "/").split("/")
        if member.startswith("/") or ".." in parts:
            raise SeedError("%s holds an unsafe path: %s" % (wheel, member))
        if len(parts) > 1 and parts[0].endswith(".data"):
            # pip and setuptools ship none; anything else would need pip's install logic.
            raise SeedError("%s has a .data directory, which the seed cache does not install" % wheel)
        if len(parts) > 1 and parts[0].endswith(".dist-info"):
            dist_infos.add(parts[0])
        folder = os.path.join(site, *parts[:-1])
        if not os.path.isdir(folder):
            os.makedirs(folder)
        if parts[-1]:
            # Compiling costs several times what writing does; every file costs a create.
            weight = 4096 + info.file_size * (4 if member.endswith(".py") else 1)
            files.append((member, weight))
    if len(dist_infos) != 1:
        raise SeedError("%s does not hold exactly one .dist-info directory" % wheel)
    return dist_infos.pop(), files


def deal(jobs, count):
    """(wheel, site, member, weight) jobs dealt out to `count` shares of about
    equal weight, heaviest first: each share is one worker's stdin (see work)."""
    shares, weights = [[] for _ in range(count)], [0] * count
    for wheel, site, member, weight in sorted(jobs, key=lambda j: -j[3]):
        i = weights.index(min(weights))
        shares[i].append((wheel, site, member))
        weights[i] += weight
    return [b"\0".join(b"\0".join(fs_bytes(p) for p in job) for job in share) for share in shares]


def fs_bytes(text):
    """A path as the bytes the file system holds (Python 2's str already is)."""
    if isinstance(text, bytes):
        return text
    if hasattr(os, "fsencode"):
        return os.fsencode(text)
    return text.encode(sys.getfilesystemencoding() or "utf-8")


def fs_text(data):
    """The reverse of fs_bytes on Python 3; Python 2 keeps bytes."""
    if sys.version_info[0] < 3:
        return data
    return os.fsdecode(data)


def work(data):
    """One worker's share (NUL-separated wheel, site, member triples): each
    member extracted into its site and, when it is Python, compiled by this
    Python, as pip does. Run by the target Python with -S (see mkenv_main)."""
    import py_compile
    import zipfile
    fields = [fs_text(f) for f in data.split(b"\0")] if data else []
    archives = {}
    try:
        for i in range(0, len(fields) - 2, 3):
            wheel, site, member = fields[i:i + 3]
            if wheel not in archives:
                archives[wheel] = zipfile.ZipFile(wheel)
            path = archives[wheel].extract(member, site)
            if path.endswith(".py"):
                try:
                    py_compile.compile(path, doraise=True)
                except (py_compile.PyCompileError, SyntaxError, UnicodeError):
                    # What pip does with a module this Python cannot compile: leave it as source.
                    pass
    finally:
        for archive in archives.values():
            archive.close()


def complete(seed):
    return os.path.isfile(os.path.join(seed, "manifest.txt"))


def building(final):
    """A fresh temporary directory beside `final` (its parents made) to build it in."""
    parent = os.path.dirname(final)
    if not os.path.isdir(parent):
        try:
            os.makedirs(parent)
        except OSError as e:
            if e.errno != errno.EEXIST:
                raise
    temp = "%s.building-%d" % (final, os.getpid())
    shutil.rmtree(temp, True)
    os.makedirs(temp)
    return temp


def publish(temp, lines, final):
    """Write the manifest (last), then rename `temp` into place."""
    f = open(os.path.join(temp, "manifest.txt"), "w")
    f.write("\n".join(lines) + "\n")
    f.close()
    try:
        os.rename(temp, final)
    except OSError:
        # Another environment built the same thing at the same moment: use theirs.
        if complete(final):
            return
        # Or what lies there is a damaged one (its manifest gone): replace it.
        shutil.rmtree(final, True)
        os.rename(temp, final)


def manifest_lines(folder, header):
    """The manifest's lines after its header; ValueError when it is not one pyshim wrote."""
    f = open(os.path.join(folder, "manifest.txt"))
    try:
        lines = f.read().splitlines()
    finally:
        f.close()
    if not lines or lines[0] != header:
        raise ValueError("%s is not a %s" % (folder, header))
    return lines[1:]


def build_all(root, tag, wheels, version_info, unpack_sites, log):
    """Every wheel's seed, building those not in the cache: their files
    unpacked and compiled together by `unpack_sites` (a list of (wheel, site,
    member, weight) jobs; in parallel where it can), then each finished and
    renamed into place. Returns the seeds' paths, in order."""
    seeds = [seed_path(root, tag, wheel) for wheel in wheels]
    todo = [(wheel, final) for wheel, final in zip(wheels, seeds) if not complete(final)]
    temps = []
    try:
        built, jobs = [], []
        for wheel, final in todo:
            temp = building(final)
            temps.append(temp)
            log("building the seed %s" % final)
            site = os.path.join(temp, "site")
            info, files = plan_unpack(wheel, site)
            jobs.extend((wheel, site, member, weight) for member, weight in files)
            built.append((final, temp, site, info))
        if jobs:
            unpack_sites(jobs)
        for final, temp, site, info in built:
            for name, text in (("INSTALLER", "pip\n"), ("REQUESTED", "")):
                f = open(os.path.join(site, info, name), "w")
                f.write(text)
                f.close()
            publish(temp, finish(temp, site, info, version_info), final)
    finally:
        for temp in temps:
            shutil.rmtree(temp, True)
    return seeds


def finish(temp, site, info, version_info):
    """The seed's RECORD (with the bytecode); returns its manifest's lines."""
    dist_info = os.path.join(site, info)
    record = os.path.join(dist_info, "RECORD")
    f = open(record, "rb")
    lines = [line.rstrip(b"\r\n").decode("utf-8") for line in f if line.strip()]
    f.close()
    os.unlink(record)
    listed = set(line.rsplit(",", 2)[0] for line in lines)
    tree = []
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        for name in dirs:
            tree.append("dir " + os.path.relpath(os.path.join(folder, name), site).replace(os.sep, "/"))
        for name in sorted(files):
            path = os.path.relpath(os.path.join(folder, name), site).replace(os.sep, "/")
            tree.append("file " + path)
            if path in listed:
                continue
            if name.endswith(".pyc"):
                lines.append("%s,," % path)
            else:
                f = open(os.path.join(folder, name), "rb")
                lines.append("%s,%s" % (path, record_hash(f.read())))
                f.close()
    f = open(os.path.join(temp, "RECORD"), "wb")
    f.write(("\n".join(lines) + "\n").encode("utf-8"))
    f.close()
    manifest = ["pyshim-seed 1", "dist-info " + info]
    for name, spec in script_names(read_entry_points(dist_info), version_info[0], version_info[1]):
        manifest.append("script %s %s" % (name, spec))
    manifest.extend(tree)
    return manifest


def read_manifest(seed):
    info, scripts, tree = None, [], []
    for line in manifest_lines(seed, "pyshim-seed 1"):
        kind, _, rest = line.partition(" ")
        if kind == "dist-info":
            info = rest
        elif kind == "script":
            name, _, spec = rest.partition(" ")
            scripts.append((name, spec))
        elif kind in ("dir", "file"):
            tree.append((kind == "dir", rest))
    return info, scripts, tree


def script_text(python, spec):
    """A console script as pip writes it (distlib's launcher for POSIX)."""
    module, _, attr = spec.partition(":")
    shebang = "#!" + python
    if len(shebang) > 127 or " " in python:
        # Too long or with a space for the kernel's #! line: sh finds python.
        shebang = "#!/bin/sh\n'''exec' \"%s\" \"$0\" \"$@\"\n' '''" % python
    return ("%s\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom %s import %s\n"
            "if __name__ == '__main__':\n"
            "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
            "    sys.exit(%s())\n") % (shebang, module, attr.split(".")[0], attr)


def write_new(path, data, mode):
    """Replace `path` with a new file (never writes through a shared link)."""
    try:
        os.unlink(path)
    except OSError as e:
        if e.errno != errno.ENOENT:
            raise
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


class Placer(object):
    """Puts files into an environment: hard links until one fails, then copies."""

    def __init__(self, copies):
        self.link = not copies

    def place(self, src, dst):
        if self.link:
            try:
                os.link(src, dst)
                return
            except OSError as e:
                if e.errno == errno.EEXIST:
                    os.unlink(dst)
                    return self.place(src, dst)
                if e.errno not in NO_LINK:
                    raise
                self.link = False
        try:
            os.unlink(dst)
        except OSError as e:
            if e.errno != errno.ENOENT:
                raise
        # copy2 keeps the mtime, so the compiled bytecode stays valid.
        shutil.copy2(src, dst)


def install(seed, purelib, bin_dir, python, placer):
    """Put one seed into an environment: its files, its scripts, its RECORD."""
    manifest = read_manifest(seed)
    place_files(seed, purelib, placer, manifest)
    install_scripts(seed, purelib, bin_dir, python, manifest)


def place_files(seed, purelib, placer, manifest):
    """A seed's files and folders (its read_manifest) into `purelib`, made if need be, linked or copied by `placer`."""
    _info, _scripts, tree = manifest
    site = os.path.join(seed, "site") + os.sep
    into = purelib + os.sep
    if not os.path.isdir(purelib):
        os.makedirs(purelib)
    for is_dir, rel in tree:
        if os.sep != "/":
            rel = rel.replace("/", os.sep)
        if is_dir:
            try:
                os.mkdir(into + rel)
            except OSError as e:
                if e.errno != errno.EEXIST:
                    raise
        else:
            if placer.link:
                # The common case inline (a thousand files): Placer handles the rest.
                try:
                    os.link(site + rel, into + rel)
                    continue
                except OSError:
                    pass
            placer.place(site + rel, into + rel)


def install_scripts(seed, purelib, bin_dir, python, manifest):
    """A placed seed's console scripts (their #! names the environment's python) and its RECORD."""
    info, scripts, _tree = manifest
    f = open(os.path.join(seed, "RECORD"), "rb")
    record = f.read()
    f.close()
    extra = []
    for name, spec in scripts:
        data = script_text(python, spec).encode("utf-8")
        path = os.path.join(bin_dir, name)
        write_new(path, data, 0o755)
        extra.append("%s,%s" % (os.path.relpath(path, purelib).replace(os.sep, "/"), record_hash(data)))
    if extra:
        record += ("\n".join(extra) + "\n").encode("utf-8")
    write_new(os.path.join(purelib, info, "RECORD"), record, 0o644)
