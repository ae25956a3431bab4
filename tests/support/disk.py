"""A small disk for the database that can be filled, freed and made read-only: a real tmpfs when
the tests run as root (as CI does), else a shim that makes the OS calls the storage uses fail
with ENOSPC or EROFS, in this process and in every `factbot` process started with `env`."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

SHIM = Path(__file__).resolve().parent / "shim"
MODE_FILE = ".fault"
"""The shim's switch, inside the disk: 'full', 'snapshot' (no room for a new snapshot) or 'ro'."""


def _mount(path: Path, size: int) -> bool:
    if os.geteuid() != 0:
        return False
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                            capture_output=True, check=False)
    return result.returncode == 0


class Disk:
    """`path`, a folder on a disk of `size` bytes: a real tmpfs if it can be mounted and `shim`
    is not asked for (`real` says which it is)."""

    def __init__(self, path: Path, size: int, *, shim: bool = False) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.real = not shim and _mount(path, size)
        self._filler = path / "filler"
        self._undo: list[Callable[[], None]] = []
        if not self.real:
            self._undo = install(path)

    @property
    def env(self) -> dict[str, str]:
        """What a `factbot` process needs to see this disk as the tests do."""
        if self.real:
            return {}
        return {"PYTHONPATH": os.pathsep.join([str(SHIM), os.environ.get("PYTHONPATH", "")]),
                "FACTBOT_TEST_DISK": str(self.path)}

    def fill(self, leave: int = 0) -> None:
        """Use up the free space, all but about `leave` bytes."""
        if not self.real:
            (self.path / MODE_FILE).write_text("snapshot" if leave else "full")
            return
        stat = os.statvfs(self.path)
        free = stat.f_bavail * stat.f_frsize
        with self._filler.open("ab") as filler:
            try:
                filler.write(b"\0" * max(free - leave, 0))
                filler.flush()
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise

    def free(self) -> None:
        """Give the space back."""
        (self.path / MODE_FILE).unlink(missing_ok=True)
        self._filler.unlink(missing_ok=True)

    def read_only(self, on: bool) -> None:
        """Make the disk read-only, or writable again."""
        if not self.real:
            if on:
                (self.path / MODE_FILE).write_text("ro")
            else:
                (self.path / MODE_FILE).unlink(missing_ok=True)
            return
        subprocess.run(["mount", "-o", f"remount,{'ro' if on else 'rw'}", str(self.path)],
                       check=True)

    def close(self) -> None:
        """Unmount the tmpfs, or take the shim out."""
        for undo in self._undo:
            undo()
        if self.real:
            subprocess.run(["umount", "-l", str(self.path)], check=False)


def install(root: Path) -> list[Callable[[], None]]:
    """Make writes under `root` fail as `root/.fault` says; returns how to undo it."""
    import tempfile

    def fault(path: str) -> int | None:
        if not path.startswith(str(root)):
            return None
        try:
            mode = (root / MODE_FILE).read_text()
        except FileNotFoundError:
            return None
        if mode == "ro":
            return errno.EROFS
        if mode == "full" or Path(path).name.startswith("."):
            return errno.ENOSPC
        return None

    def by_descriptor(real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(descriptor: int, *args: Any) -> Any:
            code = fault(os.readlink(f"/proc/self/fd/{descriptor}"))
            if code is not None:
                raise OSError(code, os.strerror(code))
            return real(descriptor, *args)
        return wrapper

    def mkstemp(*args: Any, **kwargs: Any) -> Any:
        code = fault(str(kwargs.get("dir", "")) + "/.")
        if code == errno.EROFS:
            raise OSError(code, os.strerror(code))
        return real_mkstemp(*args, **kwargs)

    real_pwrite, real_fsync, real_mkstemp = os.pwrite, os.fsync, tempfile.mkstemp
    os.pwrite = by_descriptor(real_pwrite)
    os.fsync = by_descriptor(real_fsync)
    tempfile.mkstemp = mkstemp

    def undo() -> None:
        os.pwrite, os.fsync, tempfile.mkstemp = real_pwrite, real_fsync, real_mkstemp

    return [undo]
