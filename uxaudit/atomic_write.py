"""Write files so that a reader (or a crash) never sees half of one: temp file, fsync, rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _file_mode() -> int:
    """The mode an ordinary new file gets (0644 under the usual umask); mkstemp's is 0600, which would
    hide reports from the web server or CI step that publishes them."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Replace ``path`` with ``data`` in one rename; parent folders are created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A page's script can put a lone surrogate into its text, which UTF-8 cannot hold: it is saved as
    # "?" rather than failing the journey that met it.
    payload = data.encode("utf-8", errors="replace") if isinstance(data, str) else data
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(payload)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, FILE_MODE)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path
