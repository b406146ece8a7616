"""Where work runs: a local process pool or a Dask cluster, behind one `Executor` interface.

`Executor.map_unordered(fn, items)` yields `(index, result)` pairs as tasks finish. A task that raises
(or whose worker dies) is retried once, after the other items, one at a time so that a crashing input
cannot take others down with it; if it fails again its result is a `WorkerError`. `fn` and the items
must be picklable (a module-level function, small arguments) and results should be small to ship.
Dask is imported only by `DaskExecutor`.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Self, TypeVar

T = TypeVar("T")
R = TypeVar("R")

Progress = Callable[[int, int], None]

DASK_MISSING = "需要先安装 dask：pip install 'disclosure-analysis[dask]'"
# Dask's sampling profiler (every 10 ms) and its 20 ms event-loop health checks took ≈ 20 % of a worker's
# CPU on extraction (bench_scale); neither is needed here. Workers of other clusters: see README.
QUIET_WORKERS = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s"}


class WorkerError(Exception):
    """A task that failed twice; `detail` says how the last attempt failed."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class ExecutorUnavailable(RuntimeError):
    """The requested executor cannot be started (Dask missing, scheduler unreachable)."""


class Executor(ABC):
    """Runs a function over items somewhere; subclasses say where (`_submit`)."""

    workers: int = 1

    @abstractmethod
    def _submit(self, fn: Callable[[T], R], item: T) -> Any:
        """Start one task; return a future with `add_done_callback`, `result` and `cancel`."""

    @abstractmethod
    def close(self) -> None:
        """Release the workers."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map_unordered(
        self, fn: Callable[[T], R], items: Sequence[T], progress: Progress | None = None
    ) -> Iterator[tuple[int, R | WorkerError]]:
        """`(index into items, result)` as tasks complete; a task failing twice gives a `WorkerError`."""
        failed: list[int] = []
        done = 0
        for i, out in self._stream(fn, items, window=2 * self.workers):
            if isinstance(out, Exception):
                failed.append(i)
                continue
            done += 1
            if progress:
                progress(done, len(items))
            yield i, out
        for j, out in self._stream(fn, [items[i] for i in failed], window=1):
            done += 1
            if progress:
                progress(done, len(items))
            yield (
                failed[j],
                WorkerError(f"{type(out).__name__}: {out}") if isinstance(out, Exception) else out,
            )

    def _stream(self, fn: Callable[[T], R], items: Sequence[T], window: int) -> Iterator[tuple[int, Any]]:
        """Keep at most `window` tasks running; yield `(index, result or exception)` as each finishes."""
        finished: queue.SimpleQueue = queue.SimpleQueue()
        running: dict[int, tuple[int, Any]] = {}
        todo = iter(enumerate(items))

        def start_next() -> None:
            if (nxt := next(todo, None)) is not None:
                future = self._submit(fn, nxt[1])
                running[id(future)] = (nxt[0], future)
                future.add_done_callback(finished.put)

        try:
            for _ in range(window):
                start_next()
            while running:
                future = finished.get()
                i, _ = running.pop(id(future))
                try:
                    out = future.result()
                except Exception as exc:
                    out = exc
                start_next()
                yield i, out
        finally:
            for _, future in running.values():
                future.cancel()


class LocalExecutor(Executor):
    """`jobs` worker processes on this machine. Even one job runs in a worker process, so that a task
    that kills its process (a crash in a C library, the kernel's OOM killer) fails alone and the caller's
    other results are kept; `isolate=False` with `jobs=1` runs every task in this process (for a caller
    that is itself a worker)."""

    def __init__(self, jobs: int = 1, *, isolate: bool = True):
        self.workers = max(1, jobs)
        self.isolate = isolate
        self._pool: ProcessPoolExecutor | None = None

    def _submit(self, fn: Callable[[T], R], item: T) -> Future:
        if self.workers == 1 and not self.isolate:
            return _run_here(fn, item)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, initializer=_exit_with_parent, initargs=(os.getpid(),)
            )
        try:
            return self._pool.submit(fn, item)
        except BrokenProcessPool:  # a worker died: its tasks fail (and are retried), the rest go on
            self.close()
            return self._submit(fn, item)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _exit_with_parent(parent: int) -> None:
    """Pool-worker initializer: end this worker within a second of its parent's death (a killed client)
    instead of waiting forever for tasks; a task it was running is abandoned, never half-committed. The
    parent is watched by its pid (a worker started through a fork server is not the client's child)."""

    started_by = os.getppid()  # the client, or a fork server (then the client is watched by its pid only)

    def watch() -> None:
        while os.getppid() == started_by and process_running(parent):  # a reparented worker: its parent died
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def process_running(pid: int) -> bool:
    """Whether a process `pid` exists (one of another user counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _run_here(fn: Callable[[T], R], item: T) -> Future:
    future: Future = Future()
    try:
        future.set_result(fn(item))
    except Exception as exc:
        future.set_exception(exc)
    return future


class DaskExecutor(Executor):
    """Tasks on a Dask cluster: `address` of its scheduler, or "local" for a `LocalCluster` of `workers`
    single-threaded processes. Workers need the package installed and the input files at the same paths."""

    def __init__(self, address: str, workers: int | None = None):
        try:
            import dask
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise ExecutorUnavailable(DASK_MISSING) from None
        self._cluster = None
        try:
            if address == "local":
                with dask.config.set(QUIET_WORKERS):  # passed on to the worker processes
                    self._cluster = LocalCluster(
                        n_workers=workers or os.cpu_count() or 1,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=":0",  # any free port: no warning when 8787 is taken
                    )
                self._client = Client(self._cluster)
            else:
                self._client = Client(address, timeout=30)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ExecutorUnavailable(f"无法连接 Dask 调度器 {address}：{exc}") from exc
        self.workers = max(1, sum(self._client.nthreads().values()))

    def _submit(self, fn: Callable[[T], R], item: T) -> Any:
        return self._client.submit(fn, item, pure=False)

    def close(self) -> None:
        if getattr(self, "_client", None) is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(jobs: int = 1, dask: str | None = None, workers: int | None = None) -> Executor:
    """A `DaskExecutor` when a scheduler address (or "local", with `workers` processes) is given,
    else a `LocalExecutor(jobs)`."""
    if dask:
        return DaskExecutor(dask, workers)
    return LocalExecutor(jobs)
