"""The grading sandbox: one submission's notebook runs in its own throwaway folder, cut off from the rest.

Built from Debian's bubblewrap (``bwrap``, package ``bubblewrap``) and Linux namespaces, no
Docker. What a sandboxed process sees and may do:

* the file system: read-only ``/usr`` (Python, the C libraries), the grading environment
  ``.venv-grade``, the course package ``scaling/`` and its ``data/``, this folder's runner
  (tools/sandbox_run.py), and one writable folder, ``/submission``, holding only the notebook
  and the names to record; an empty private ``/tmp`` (``TMP_BYTES``) and minimal ``/dev`` and
  ``/proc`` (its own processes only). Nothing else of the machine exists in there: not the rest
  of the repository (``solutions/``, ``tools/``), not ``_build/assignments/`` (hidden tests,
  other students' variants, ``seeds.json``), not ``.course-secret``, not other submissions;
  writes anywhere but ``/submission`` and ``/tmp`` fail (read-only or absent);
* no network (a new network namespace with only loopback), new PID, IPC and UTS namespaces, a
  new session (no terminal to inject into), killed with its parent;
* an unprivileged user: as root, the sandbox is started as ``nobody`` (``setpriv``) inside a
  user namespace; as an ordinary user, inside a user namespace mapped to ``nobody``;
* limits (``setrlimit``): address space ``MEMORY_BYTES``, processes/threads of the user
  ``NPROC_EXTRA`` more than it has, file size ``FILE_BYTES``, no core files.

:func:`check` runs a probe in a sandbox once and says what is missing if it cannot start.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).resolve().parent / "sandbox_run.py"
NOBODY = 65534
MEMORY_BYTES = 4 << 30
FILE_BYTES = 256 << 20
TMP_BYTES = 256 << 20
NPROC_EXTRA = 256
INSIDE = "/submission"
#: How the sandbox's user is made: "nobody" (root starts it as the user nobody, in a user namespace)
#: or "userns" (a user namespace mapped to nobody, started as the calling user: an ordinary user, or
#: root when nobody cannot read the Python installation, e.g. one under /root). Chosen by check().
MODE = "nobody" if os.geteuid() == 0 else "userns"

#: What to do when there is no sandbox (printed by `make grade`, which then refuses).
MISSING = (
    "Grading needs a sandbox per submission and cannot start one here: {why}\n"
    "Install Debian's bubblewrap (sudo apt-get install bubblewrap) and make sure unprivileged user namespaces "
    "are allowed (the Debian and Ubuntu default; sysctl user.max_user_namespaces > 0, and on Ubuntu 24.04+ "
    "kernel.apparmor_restrict_unprivileged_userns=0 or an AppArmor profile for bwrap). "
    "To grade without a sandbox anyway (student code then runs as you, with your files): UNSAFE=1; "
    "the gradebook then flags every row 'unsafe'."
)


def venv() -> Path:
    """The grading environment's prefix (this interpreter's), bound read-only at the same path."""
    return Path(sys.prefix)


def _threads_of(uid: int) -> int:
    """How many processes and threads the user ``uid`` has now (RLIMIT_NPROC counts them all)."""
    count = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if fields.get("Uid", "").split()[:1] == [str(uid)]:
            count += int(fields.get("Threads", "1").strip() or 1)
    return count


def _limits(uid: int):
    nproc = _threads_of(uid) + NPROC_EXTRA

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_BYTES, FILE_BYTES))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
        os.setsid()

    return apply


def _binds() -> list[str]:
    """Read-only binds: the system's programs and libraries, the grading environment, the package and data."""
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "sbin", "lib32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for name in ("/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime", "/etc/passwd", "/etc/group"):
        if Path(name).exists():
            args += ["--ro-bind", name, name]
    prefix = venv()
    args += ["--ro-bind", str(prefix), str(prefix)]
    base = Path(sys.base_prefix)
    if not str(base).startswith("/usr"):  # a Python installed elsewhere (pyenv, /opt)
        args += ["--ro-bind", str(base), str(base)]
    for name in ("scaling", "data"):  # the editable install reads the package and its data from the checkout
        if (ROOT / name).is_dir():
            args += ["--ro-bind", str(ROOT / name), str(ROOT / name)]
    args += ["--ro-bind", str(RUNNER), "/opt/grading/sandbox_run.py"]
    return args


ENVIRONMENT = {
    # No exercise declarations (they hold the expected values) load inside: scaling.exercises.registry.grading.
    "SCALING_GRADING": "1",
    "HOME": INSIDE,
    "TMPDIR": "/tmp",
    "MPLBACKEND": "Agg",
    "MPLCONFIGDIR": "/tmp/matplotlib",
    "IPYTHONDIR": "/tmp/ipython",
    "JUPYTER_RUNTIME_DIR": "/tmp/jupyter",
    "JUPYTER_CONFIG_DIR": "/tmp/jupyter-config",
    "JUPYTER_DATA_DIR": "/tmp/jupyter-data",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "LANG": "C.UTF-8",
}


def command(folder: Path, argv: list[str]) -> tuple[list[str], int]:
    """The command that runs ``argv`` (paths inside: /submission) in a sandbox over ``folder``, and the uid it runs as."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise FileNotFoundError("bwrap")
    env = {**ENVIRONMENT, "PATH": f"{venv() / 'bin'}:/usr/bin:/bin"}
    sandbox = [bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--clearenv", "--cap-drop", "ALL"]
    sandbox += ["--hostname", "sandbox"]
    for key, value in env.items():
        sandbox += ["--setenv", key, value]
    sandbox += _binds()
    sandbox += ["--proc", "/proc", "--dev", "/dev", "--size", str(TMP_BYTES), "--tmpfs", "/tmp"]
    sandbox += ["--bind", str(folder), INSIDE, "--remount-ro", "/", "--chdir", INSIDE]
    if MODE == "nobody":  # root: a real unprivileged user outside too, and a user namespace inside
        drop = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--inh-caps=-all"]
        return [*drop, *sandbox, "--unshare-user", "--", *argv], NOBODY
    return [*sandbox, "--unshare-user", "--uid", str(NOBODY), "--gid", str(NOBODY), "--", *argv], os.getuid()


def prepare(folder: Path) -> None:
    """Make ``folder`` the sandbox's own: writable by the user the sandbox runs as."""
    if MODE == "nobody":
        os.chown(folder, NOBODY, NOBODY)
        for path in folder.iterdir():
            os.chown(path, NOBODY, NOBODY)
    folder.chmod(0o700)


def popen(folder: Path, argv: list[str], **kwargs) -> subprocess.Popen:
    """Start ``argv`` in a sandbox over ``folder`` (see the module docstring)."""
    full, uid = command(folder, argv)
    return subprocess.Popen(full, preexec_fn=_limits(uid), env={"PATH": os.environ.get("PATH", "")}, **kwargs)


def check(scratch: Path) -> str | None:
    """None if a sandbox starts and imports the grading tools here; else why not (for :data:`MISSING`).

    As root, the sandbox runs as nobody if nobody can read the grading environment, else in a user
    namespace mapped to nobody (sets :data:`MODE`).
    """
    global MODE
    modes = ["nobody", "userns"] if os.geteuid() == 0 else ["userns"]
    for index, mode in enumerate(modes):
        MODE = mode
        why = _probe(scratch / f"probe-{mode}")
        if why is None or index == len(modes) - 1:
            return why
    return why


def _probe(folder: Path) -> str | None:
    folder.mkdir()
    prepare(folder)
    probe = [str(venv() / "bin" / "python"), "-c", "import nbclient, ipykernel, scaling; print('ok')"]
    try:
        process = popen(folder, probe, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except FileNotFoundError:
        return "bwrap (Debian's bubblewrap) is not installed."
    try:
        out, err = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        return "a probe in the sandbox did not finish in 120 s."
    if process.returncode != 0 or out.strip() != "ok":
        why = (err.strip().splitlines() or ["no output"])[-1]
        return f"a probe in the sandbox failed: {why}"
    return None
