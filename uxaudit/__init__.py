"""uxaudit: usability tests and UX audits of websites, from YAML journeys run in real Chromium."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
