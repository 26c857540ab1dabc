"""An ffmpeg for Playwright's video recorder (`--video`).

Playwright films a page only with an ffmpeg in its own browser folder (`playwright install ffmpeg`
puts one there), which a machine that cannot download browsers does not have. When that one is
missing, uxaudit lends Playwright another (imageio-ffmpeg's, from PyPI, or one on the PATH): for the
run only, Playwright's driver is pointed at a folder that holds everything of its own folder plus
that ffmpeg under the name it looks for.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import UsageError

BROWSERS_PATH = "PLAYWRIGHT_BROWSERS_PATH"
_EXECUTABLE = {"linux": "ffmpeg-linux", "darwin": "ffmpeg-mac", "win32": "ffmpeg-win64.exe"}
INSTALL_HINT = ("install imageio-ffmpeg (`pip install imageio-ffmpeg`, which ships one), or ffmpeg "
                "(Debian/Ubuntu: `sudo apt-get install ffmpeg`), or run `playwright install ffmpeg` where "
                "downloads work")


def registry_folder(environ: dict[str, str] | None = None) -> Path:
    """Where Playwright keeps its browsers and tools (as its driver works it out)."""
    env = os.environ if environ is None else environ
    given = env.get(BROWSERS_PATH)
    if given == "0":
        return _driver_package() / ".local-browsers"
    if given:
        return Path(given)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ms-playwright"
    if sys.platform == "win32":
        return Path(env.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "ms-playwright"
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ms-playwright"


def _driver_package() -> Path:
    import playwright

    return Path(playwright.__file__).parent / "driver" / "package"


def playwright_ffmpeg(registry: Path) -> Path:
    """Where Playwright looks for its ffmpeg (`ffmpeg-<revision>/ffmpeg-linux`)."""
    browsers = json.loads((_driver_package() / "browsers.json").read_text(encoding="utf-8"))
    revision = next(tool["revision"] for tool in browsers["browsers"] if tool["name"] == "ffmpeg")
    name = _EXECUTABLE.get(sys.platform, _EXECUTABLE["linux"])
    return registry / f"ffmpeg-{revision}" / name


def other_ffmpeg() -> Path | None:
    """An ffmpeg besides Playwright's: imageio-ffmpeg's (a PyPI package that ships one), or the PATH's."""
    try:
        import imageio_ffmpeg  # type: ignore[import-not-found,import-untyped,unused-ignore]

        return Path(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        found = shutil.which("ffmpeg")
        return Path(found) if found else None


def check_video_tool() -> None:
    """Before the browser: `--video` needs an ffmpeg; UsageError with the ways to get one."""
    if not playwright_ffmpeg(registry_folder()).is_file() and other_ffmpeg() is None:
        raise UsageError(f"--video needs ffmpeg, and none was found: {INSTALL_HINT}; or run without --video")


@contextmanager
def lent_to_playwright(wanted: bool) -> Iterator[None]:
    """While Playwright's driver starts and runs, an ffmpeg where it looks for one (nothing to do when
    video is not wanted, or Playwright has its own)."""
    registry = registry_folder()
    ffmpeg = other_ffmpeg() if wanted and not playwright_ffmpeg(registry).is_file() else None
    if ffmpeg is None:
        yield
        return
    before = os.environ.get(BROWSERS_PATH)
    with tempfile.TemporaryDirectory(prefix="uxaudit-playwright-") as folder:
        _mirror(registry, Path(folder), ffmpeg)
        os.environ[BROWSERS_PATH] = folder
        try:
            yield
        finally:
            if before is None:
                os.environ.pop(BROWSERS_PATH, None)
            else:
                os.environ[BROWSERS_PATH] = before


def _mirror(registry: Path, folder: Path, ffmpeg: Path) -> None:
    """`folder` as Playwright's own folder (its browsers linked, not copied) with `ffmpeg` added."""
    target = playwright_ffmpeg(folder)
    if registry.is_dir():
        for entry in registry.iterdir():
            if entry.name != target.parent.name:  # an incomplete ffmpeg of Playwright's is not linked in
                _link(entry, folder / entry.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    _link(ffmpeg, target)


def _link(source: Path, link: Path) -> None:
    try:
        link.symlink_to(source, target_is_directory=source.is_dir())
    except OSError:  # no symbolic links here (Windows without the right): a copy of the file will do
        if source.is_file():
            shutil.copy2(source, link)
