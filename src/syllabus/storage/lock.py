"""An inter-process lock that dies with its process (``flock``), cheap to import.

filelock costs ~60 ms to import, more than the whole CLI's budget allows; ``fcntl``
is built in. The lock is also re-entrant within a process (``update`` calls ``save``)
and serialises threads (the app saves from worker threads).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from types import TracebackType

from syllabus.locale import _

WAIT_SECONDS = 15.0
"""How long to wait for another process to finish its save before giving up."""


class LockTimeout(OSError):
    """Another process held the lock too long."""


class ProcessLock:
    """An exclusive lock on a file, held by one thread of one process at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    def __enter__(self) -> ProcessLock:
        self._thread_lock.acquire()
        try:
            if self._depth == 0:
                self._fd = self._acquire()
            self._depth += 1
        except BaseException:
            self._thread_lock.release()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._depth -= 1
            if self._depth == 0 and self._fd is not None:
                _unlock(self._fd)
                os.close(self._fd)
                self._fd = None
        finally:
            self._thread_lock.release()

    def _acquire(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                _try_lock(fd)
                return fd
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    message = _("{path} is held by another syllabus process").format(path=self.path)
                    raise LockTimeout(message) from None
                time.sleep(0.005)
            except BaseException:
                os.close(fd)
                raise


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            raise BlockingIOError from None

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
