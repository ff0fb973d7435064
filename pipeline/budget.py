"""CPU-time budgets for work on untrusted input (a page MuPDF reads, a table area pdfplumber
reads): one mechanism for every stage that needs one.

CPU time of this process, never wall time: a busy machine must not change what is read. The
budget is a profiling timer whose signal raises OverBudget in the guarded block; Python runs the
handler between bytecodes, so a single call into a C library is not cut short, but nothing after
it runs: the caller then reads the rest another way or gives the part up, and says so.
"""

from __future__ import annotations

import contextlib
import signal
import threading


class OverBudget(BaseException):  # noqa: N818 - not an Exception: pdfminer's and PyMuPDF's `except Exception` must not swallow it
    """A guarded block took longer than its CPU-time budget."""


@contextlib.contextmanager
def cpu_budget(seconds: float):
    """Raise OverBudget in the block after `seconds` of this process's CPU time. Only where
    signals can be delivered (the main thread, which every ingest and batch worker runs the
    stages in); elsewhere, or for seconds <= 0, no budget."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise OverBudget()

    old = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)
