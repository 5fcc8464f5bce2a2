"""Several server processes on one port, each with its own listening socket (``SO_REUSEPORT``).

uvicorn's own ``--workers N`` shares one listening socket between its workers, and whichever
worker is awake accepts every connection that is waiting: 32 keep-alive clients connecting at
once all landed on the same worker (measured with ``ss``), so the other cores stayed idle. Here
each worker binds its own socket to the same address with ``SO_REUSEPORT``, and Linux spreads
new connections over the sockets by a hash of the client's address and port. Where the option is
missing (Windows), :func:`serve_workers` falls back to uvicorn's workers.

Each worker imports :mod:`tradewarden.api.server`, which builds the app from the environment's
settings and loads the match index before the worker accepts connections.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
from types import FrameType

APP = "tradewarden.api.server:app"

__all__ = ["APP", "serve_workers"]


def _listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


#: Seconds between a worker's checks that the process which started it is still alive.
PARENT_CHECK_SECONDS = 1.0


def _stop_when_orphaned(parent: int) -> None:
    """Stop this worker (SIGTERM to itself) once its parent is gone: a supervisor killed with
    SIGKILL cannot stop its workers, and they must not go on serving on their own."""
    import os
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="tradewarden-parent-watch", daemon=True).start()


def _worker(host: str, port: int, log_level: str, access_log: bool, parent: int) -> None:
    import uvicorn

    from tradewarden.api.security import install_log_redaction

    _stop_when_orphaned(parent)
    install_log_redaction()
    sock = _listening_socket(host, port)
    uvicorn.Server(uvicorn.Config(APP, log_level=log_level, access_log=access_log)).run(sockets=[sock])


def serve_workers(host: str, port: int, workers: int, log_level: str, access_log: bool = True) -> int:
    """Run ``workers`` server processes on ``host:port`` until one ends or this process is stopped.

    Args:
        host: the address to listen on.
        port: the TCP port (every worker binds it).
        workers: how many processes (at least 2; one process needs none of this).
        log_level: uvicorn's log level.
        access_log: log every request (uvicorn's access log).
    Returns:
        The exit code: 0 after a clean stop, else the first failed worker's code.
    """
    if not hasattr(socket, "SO_REUSEPORT"):
        import uvicorn

        uvicorn.run(APP, host=host, port=port, workers=workers, log_level=log_level, access_log=access_log)
        return 0
    context = multiprocessing.get_context("spawn")
    import os

    processes = [
        context.Process(target=_worker, args=(host, port, log_level, access_log, os.getpid()), name=f"tradewarden-worker-{n}")
        for n in range(workers)
    ]

    def stop(signum: int, _: FrameType | None) -> None:
        for process in processes:
            if process.is_alive():
                process.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        for process in processes:
            process.start()
        sentinels = {process.sentinel: process for process in processes}
        from multiprocessing.connection import wait

        ended = sentinels[wait(list(sentinels))[0]]  # type: ignore[index]
        stop(signal.SIGTERM, None)
    except KeyboardInterrupt:  # Ctrl-C reaches the workers too; they stop by themselves
        ended = None
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()
        signal.signal(signal.SIGTERM, previous)
    code = ended.exitcode if ended is not None else 0
    return 0 if code in (0, -signal.SIGTERM, None) else (code if code > 0 else 1)

