"""A generator run in a forked child process, its items streamed back over a pipe as they come.

Used to read a long PDF's pages in two processes (extract.py). The child is made with os.fork
and leaves with os._exit: it runs nothing of the parent's at exit (no stdio flush, no atexit
handler of a test runner or a progress bar's thread), and it opens its own files (a descriptor
inherited from the parent shares its offset with the parent's reads). A child that fails or
dies leaves the work undone, never half done: the caller sees None and does it itself.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal

_DONE = "done"

# A stage that works page by page (extract, layout) hands the second half of a file's pages to a
# second process from this many pages on, when its caller allows two (`ingest ISSUE.pdf`; a
# batch reads files side by side already). Under it, starting the process costs more than it
# saves (a 76-page issue is read in under a second).
PARALLEL_MIN_PAGES = 32


def can_fork() -> bool:
    return hasattr(os, "fork")


class Forked:
    """generate(*args) run in a child; its items received in order with `ready` and `rest`."""

    def __init__(self, generate, *args):
        reader, writer = mp.Pipe(duplex=False)
        # the child's collector must not walk the parent's objects: each one it touched would be
        # copied into the child (copy-on-write), the whole heap of a long file's pages
        gc.freeze()
        self.pid = os.fork()
        if self.pid != 0:
            gc.unfreeze()
        if self.pid == 0:  # the child
            reader.close()
            try:
                for item in generate(*args):
                    writer.send(item)
                writer.send(_DONE)
            except BaseException:  # noqa: BLE001 - the parent sees no _DONE and does the work itself
                pass
            finally:
                os._exit(0)
        writer.close()
        self.conn = reader
        self.items: list = []
        self.done = False
        self.failed = False

    def _take(self, item) -> None:
        if isinstance(item, str) and item == _DONE:
            self.done = True
        else:
            self.items.append(item)

    def poll(self) -> None:
        """Take what the child has sent so far without waiting (it never blocks on a full pipe
        for long while the parent works on)."""
        try:
            while not self.done and not self.failed and self.conn.poll():
                self._take(self.conn.recv())
        except Exception:  # noqa: BLE001 - a closed pipe, an item that will not unpickle
            self.failed = True

    def rest(self) -> list | None:
        """Every item the child made, once it is done; None when it died or failed first."""
        try:
            while not self.done and not self.failed:
                self._take(self.conn.recv())
        except Exception:  # noqa: BLE001 - a closed pipe, an item that will not unpickle
            self.failed = True
        self.close()
        return None if self.failed or not self.done else self.items

    def close(self) -> None:
        """Stop the child (if it still runs) and reap it."""
        if self.pid is None:
            return
        self.conn.close()
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        self.pid = None
