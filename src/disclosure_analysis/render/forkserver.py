"""A fork server for Jupyter kernels: the imports every notebook needs are paid once per run, not per page.

Starting a kernel and importing pandas, matplotlib and this package costs about 2.5 s of CPU per page.
The server is a process that has done those imports; for each page it forks a child that becomes an
ordinary ipykernel (`IPKernelApp`) on the connection file jupyter_client wrote, so papermill and nbclient
talk to it exactly as to a kernel they launched. Children watch the server (`JPY_PARENT_PID`) and the
server exits when the runner closes its stdin, so no kernel outlives a run. POSIX only; without `os.fork`
or if the server cannot start, kernels are launched the usual way.

Protocol on the server's stdin/stdout: one JSON object per line each way,
`{"argv": [...], "env": {...}, "cwd": "..."}` → `{"pid": 123}` or `{"error": "..."}`.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import threading
import time

#: modules the notebooks import (importing them in the server is what makes a forked kernel cheap)
PRELOAD = (
    "ipykernel.kernelapp",
    "pandas",
    "matplotlib.pyplot",
    "matplotlib_inline.backend_inline",
    "disclosure_analysis.analysis",
    "disclosure_analysis.corpus",
    "disclosure_analysis.display",
    "disclosure_analysis.names",
    "disclosure_analysis.peers",
    "disclosure_analysis.plotting",
)


class ForkedKernel:
    """A Popen-like handle on a kernel forked by the server (not our child: polled with signal 0)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.05)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        try:
            os.kill(self.pid, signum)
        except ProcessLookupError:
            self.returncode = 0

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkServer:
    """The runner's handle on the server process; `fork()` is safe to call from several threads.

    The server starts in the background: until it has finished its imports, `fork()` raises and the
    caller launches kernels the usual way, so the first pages do not wait for it.
    """

    def __init__(self, env: dict[str, str]) -> None:
        self._lock = threading.Lock()
        self._ready: bool | None = None
        self._process = subprocess.Popen(
            [sys.executable, "-m", "disclosure_analysis.render.forkserver"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
            bufsize=1,
        )

    def _is_ready(self) -> bool:
        """Whether the server has said it is ready (without waiting for it)."""
        if self._ready is None and self._process.stdout is not None:
            if not select.select([self._process.stdout], [], [], 0)[0]:
                return False
            self._ready = _message(self._process.stdout.readline()).get("ready") is True
        return bool(self._ready)

    def fork(self, argv: list[str], env: dict[str, str], cwd: str) -> ForkedKernel:
        """A new kernel process running `ipykernel` with `argv` (e.g. ["-f", connection_file])."""
        request = json.dumps({"argv": argv, "env": env, "cwd": cwd})
        with self._lock:
            if not self._is_ready():
                raise RuntimeError("内核预加载进程尚未就绪")
            assert self._process.stdin and self._process.stdout
            try:
                self._process.stdin.write(request + "\n")
                self._process.stdin.flush()
                reply = _message(self._process.stdout.readline())
            except (OSError, ValueError) as exc:  # the server is gone
                self._ready = False
                raise RuntimeError("内核预加载进程已退出") from exc
        if "pid" not in reply:
            raise RuntimeError(reply.get("error", "预加载进程没有返回内核进程号"))
        return ForkedKernel(int(reply["pid"]))

    def close(self) -> None:
        """Stop the server (kernels still running notice and exit)."""
        self._ready = False
        if self._process.stdin:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()


def _message(line: str) -> dict:
    """A reply line of the server; a dead or confused server reads as an error."""
    try:
        message = json.loads(line)
    except ValueError:
        message = None
    return message if isinstance(message, dict) else {"error": "预加载进程已退出或回复无法识别"}


def start_server(env: dict[str, str]) -> ForkServer | None:
    """A fork server starting in the background, or None where kernels cannot be forked."""
    if not hasattr(os, "fork"):
        return None
    try:
        return ForkServer(env)
    except OSError:
        return None


def _become_kernel(argv: list[str], env: dict[str, str], cwd: str) -> None:
    """In the forked child: detach, take the page's environment and run an ipykernel until it exits."""
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env, JPY_PARENT_PID=str(os.getppid()))
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=argv)


def serve() -> None:
    """The server's main loop: preload, then fork one kernel per request until stdin closes."""
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped automatically
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        try:
            request = json.loads(line)
            pid = os.fork()
        except (ValueError, OSError) as exc:
            print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), flush=True)
            continue
        if pid == 0:
            try:
                _become_kernel(request["argv"], request["env"], request["cwd"])
            finally:
                os._exit(0)
        print(json.dumps({"pid": pid}), flush=True)


if __name__ == "__main__":
    serve()
