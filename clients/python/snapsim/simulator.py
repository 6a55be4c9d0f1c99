"""Starting and stopping one `snapsim serve` process on a free loopback port."""
import json
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile
import time

from .admin import AdminClient

_HERE = pathlib.Path(__file__).resolve().parent


class SimulatorError(Exception):
    """snapsim could not be found or did not start; the message carries its output."""


def find_binary(explicit=None):
    """The snapsim executable: ``explicit``, else $SNAPSIM_BINARY, else the one inside this wheel, else PATH."""
    candidates = [explicit, os.environ.get("SNAPSIM_BINARY"), str(_HERE / "bin" / "snapsim"), shutil.which("snapsim")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise SimulatorError(
        "no snapsim binary: install the wheel built by scripts/dist.sh, set SNAPSIM_BINARY, or put snapsim on PATH"
    )


def _load_data(name, key):
    # In the wheel the fixture files sit in data/; in a checkout, the repository's fixtures/ folder.
    for folder in (_HERE / "data", _HERE.parent.parent.parent / "fixtures"):
        if (folder / name).exists():
            return json.loads((folder / name).read_text())[key]
    return []


def demo_partners():
    """The demo partners of the built-in fixtures, by clientId: keys, secrets, channelId, profile."""
    partners = {}
    for name in ("partners.json", "provider-partners.json"):
        for partner in _load_data(name, "partners"):
            partners[partner["clientId"]] = partner
    return partners


class Simulator:
    """A running simulator: ``base_url``, ``port``, ``admin_token``, ``partners``, ``auth_codes``, ``admin``."""

    def __init__(self, process, ready, workdir):
        self.process = process
        self.port = ready["port"]
        self.base_url = ready["baseURL"]
        self.admin_token = ready["adminToken"]
        self.partners = demo_partners()
        self.auth_codes = [code["authCode"] for code in _load_data("auth-codes.json", "authCodes")]
        self.admin = AdminClient(self.base_url, self.admin_token)
        self._workdir = workdir

    @classmethod
    def start(cls, binary=None, fixtures=None, seed=None, clock=None, extra_args=(), startup_timeout=30):
        """Runs ``snapsim serve --port 0 --ready-file …`` and returns once the ready line is written.

        ``fixtures`` is a folder replacing the built-in fixtures; ``seed`` and ``clock`` as ``snapsim serve``
        takes them (``clock`` e.g. ``"2026-11-21T10:00:00+07:00"`` freezes the clock there).
        """
        workdir = tempfile.mkdtemp(prefix="snapsim-")
        ready_path = os.path.join(workdir, "ready.json")
        log_path = os.path.join(workdir, "serve.log")
        arguments = [find_binary(binary), "serve", "--host", "127.0.0.1", "--port", "0", "--ready-file", ready_path]
        if fixtures:
            arguments += ["--fixtures", str(fixtures)]
        if seed is not None:
            arguments += ["--seed", str(seed)]
        if clock:
            arguments += ["--clock", clock]
        arguments += list(extra_args)
        with open(log_path, "wb") as log:
            process = subprocess.Popen(arguments, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + startup_timeout
        while not os.path.exists(ready_path):
            if process.poll() is not None:
                output = pathlib.Path(log_path).read_text(errors="replace")
                shutil.rmtree(workdir, ignore_errors=True)
                raise SimulatorError(f"snapsim serve exited with status {process.returncode}:\n{output}")
            if time.monotonic() > deadline:
                process.kill()
                process.wait()
                shutil.rmtree(workdir, ignore_errors=True)
                raise SimulatorError(f"snapsim serve did not report ready within {startup_timeout} s")
            time.sleep(0.01)  # polling for the ready file, the condition that matters
        with open(ready_path) as ready_file:
            ready = json.loads(ready_file.readline())
        return cls(process, ready, workdir)

    def stop(self, timeout=10):
        """SIGINT (requests in flight finish), then SIGKILL after ``timeout``; returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self._workdir, ignore_errors=True)
        return self.process.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
