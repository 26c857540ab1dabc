"""The bundled demo shop (Trailhead Outfitters): a small store with seeded, switchable UX defects."""

from __future__ import annotations

from uxaudit.demo.defects import DEFECTS, Defect, defect_ids
from uxaudit.demo.server import DemoShop, serve

__all__ = ["DEFECTS", "Defect", "DemoShop", "defect_ids", "serve"]
