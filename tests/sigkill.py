"""Run a Python snippet in a child process and SIGKILL it once it says it is mid-way.

Used by ``tests/store/test_crash.py`` and ``tests/reliability/test_list_faults.py``
(``from sigkill import kill_when_ready``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys


def kill_when_ready(code: str, *args: str, ready: str, env: dict[str, str] | None = None) -> None:
    """Run ``python -c code args...``, wait for the line ``ready`` on its stdout, then SIGKILL it.

    Args:
        code: the snippet; it prints ``ready`` (flushed) when it is where the kill should land.
        args: its command-line arguments.
        ready: the line to wait for.
        env: the child's environment (default: this process's).
    Raises:
        AssertionError: the child ended or printed something else first (its stderr is shown),
            or it was not killed by the signal.
    """
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.strip() == ready, process.stderr.read() if process.stderr else line
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
