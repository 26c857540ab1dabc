"""The bundled demo shop (Trailhead Outfitters): a small store with seeded, switchable UX defects, served
server-rendered (the classic shop) or as a single-page app (`spa=True`)."""

from __future__ import annotations

from uxaudit.demo.defects import DEFECTS, SPA_DEFECTS, Defect, defect_ids, defects_for
from uxaudit.demo.server import DemoShop, serve

__all__ = ["DEFECTS", "SPA_DEFECTS", "Defect", "DemoShop", "defect_ids", "defects_for", "serve"]
