"""Device profiles: `desktop`, `mobile`, or any Playwright device name → browser context options."""

from __future__ import annotations

import difflib
import functools
from typing import Any

DESKTOP: dict[str, Any] = {"viewport": {"width": 1350, "height": 940}, "device_scale_factor": 1,
                           "is_mobile": False, "has_touch": False}  # Lighthouse's desktop screen
MOBILE_DEVICE = "Pixel 7"


@functools.cache
def playwright_devices() -> dict[str, dict[str, Any]]:
    """Playwright's device descriptors (starts its driver, not a browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return dict(playwright.devices)


def context_options(device: str, devices: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """new_context() keyword arguments for a device name."""
    if device == "desktop":
        return dict(DESKTOP)
    descriptor = devices[MOBILE_DEVICE if device == "mobile" else device]
    return {key: value for key, value in descriptor.items() if key != "default_browser_type"}


def unknown_device_hint(device: str) -> str | None:
    """None when the device is known; otherwise a hint with the closest names."""
    if device in ("desktop", "mobile"):
        return None
    names = playwright_devices()
    if device in names:
        return None
    close = difflib.get_close_matches(device, list(names), n=3, cutoff=0.5)
    suggestion = f"Did you mean {', '.join(repr(c) for c in close)}? " if close else ""
    return f"{suggestion}Use desktop, mobile, or a Playwright device name such as 'iPhone 13' or 'Pixel 7'"
