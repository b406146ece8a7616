"""The `warm` papermill engine: one kernel per worker thread runs notebook after notebook.

Starting a kernel, importing pandas, matplotlib and this package and reading the corpus cost 1.5 s of CPU
and more (6 s for 372 reports) on every page when each notebook gets a kernel of its own. The engine keeps
the kernel of its thread and, before each notebook, sends it
`inkernel.reset` (silently: no output, no execution count), so that every notebook starts from the state of
a fresh kernel; the corpus is read once per kernel. Cells still run through papermill's notebook client,
exactly as with papermill's own engine. A kernel that dies, times out or fails in between is shut down and
the next notebook gets a new one; kernels end with the process that started them.
"""

from __future__ import annotations

import multiprocessing.util
import os
import threading
from typing import Any

from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import Engine, papermill_engines
from papermill.log import logger

from disclosure_analysis.site.kernel import QuietKernelManager

ENGINE = "warm"
_local = threading.local()
_kernels: set[WarmKernel] = set()
_finalizer_pid: int | None = None


class KernelSetupError(RuntimeError):
    """Code the engine sent to a warm kernel failed there."""


class WarmKernel:
    """A running kernel and its client, set up by `inkernel.prepare`."""

    def __init__(self, start_timeout: float) -> None:
        self.km = QuietKernelManager(kernel_name="python3")
        self.kc: Any = None
        _kernels.add(self)
        try:
            run_sync(self._start)(start_timeout)
        except BaseException:
            self.close()
            raise

    async def _start(self, timeout: float) -> None:
        await self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        await self.kc.wait_for_ready(timeout=timeout)
        await self._run("import disclosure_analysis.site.inkernel as k; k.prepare()", timeout)

    async def _run(self, code: str, timeout: float) -> None:
        """Run `code` silently; raise `KernelSetupError` if it fails."""
        msg_id = self.kc.execute(code, silent=True, store_history=False, allow_stdin=False)
        while True:
            reply = await self.kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        content = reply["content"]
        if content["status"] != "ok":
            raise KernelSetupError(f"{content.get('ename')}: {content.get('evalue')}")

    def reset(self, cwd: str, corpus: tuple[str, str], timeout: float) -> None:
        """Give the next notebook a fresh kernel's state, in `cwd`, with `corpus` = (path, content hash)."""
        args = ", ".join(map(repr, (cwd, *corpus)))
        code = (
            f"__import__('disclosure_analysis.site.inkernel').site.inkernel.reset(get_ipython(), {args})"
        )
        run_sync(self._run)(code, timeout)

    def alive(self) -> bool:
        return bool(run_sync(self.km.is_alive)())

    def close(self) -> None:
        """Stop the kernel (at once: nothing is waiting for its output)."""
        _kernels.discard(self)
        if self.kc is not None:
            self.kc.stop_channels()
        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception as exc:  # a kernel that is already gone, or never started
            logger.debug("warm kernel shutdown: %s", exc)


def thread_kernel(start_timeout: float) -> WarmKernel:
    """This thread's warm kernel, started when there is none (or it died)."""
    kernel: WarmKernel | None = getattr(_local, "kernel", None)
    if kernel is not None and not kernel.alive():
        discard_kernel()
        kernel = None
    if kernel is None:
        global _finalizer_pid
        if _finalizer_pid != os.getpid():  # runs at exit, also in pool workers (which skip atexit)
            multiprocessing.util.Finalize(None, close_kernels, exitpriority=10)
            _finalizer_pid = os.getpid()
        kernel = _local.kernel = WarmKernel(start_timeout)
    return kernel


def discard_kernel() -> None:
    """Shut down this thread's kernel (after a failure that may have left it in a bad state)."""
    kernel = getattr(_local, "kernel", None)
    _local.kernel = None
    if kernel is not None:
        kernel.close()


def close_kernels() -> None:
    """Shut down every warm kernel of this process."""
    for kernel in list(_kernels):
        kernel.close()
    _local.kernel = None


def _forget_parent_kernels() -> None:
    """In a forked child: the parent's kernels are not ours to use or stop."""
    global _local
    _kernels.clear()
    _local = threading.local()


os.register_at_fork(after_in_child=_forget_parent_kernels)


class WarmEngine(Engine):
    """papermill's nbclient engine on this thread's warm kernel instead of a new one."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man: Any,
        kernel_name: str,
        log_output: bool = False,
        start_timeout: float = 60,
        execution_timeout: float | None = None,
        corpus: tuple[str, str] = ("", ""),
        **kwargs: Any,
    ) -> Any:
        kernel = thread_kernel(start_timeout)
        try:
            kernel.reset(os.getcwd(), corpus, start_timeout)
            client = PapermillNotebookClient(
                nb_man,
                km=kernel.km,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
            )
            client.kc = kernel.kc
            return client.execute()
        except BaseException:
            discard_kernel()
            raise


papermill_engines.register(ENGINE, WarmEngine)
