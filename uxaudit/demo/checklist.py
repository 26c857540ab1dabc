"""After `uxaudit demo`: each seeded defect, the audit that should find it, and whether it did."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from rich.table import Table
from rich.text import Text

from uxaudit.demo.defects import Defect, defects_for


def found_at(defect: Defect, finding: Mapping[str, Any]) -> bool:
    """The finding is the defect's audit, about the page (or link) where the defect shows (and about
    the defect's element, when another defect shares that audit and page)."""
    path = urlsplit(finding.get("url") or "").path
    where = re.sub(r"<[a-z]+>", "[^/]+", defect.where)
    return (finding.get("audit") == defect.audit and re.fullmatch(where, path) is not None
            and defect.clue in (finding.get("title") or ""))


def defect_checklist(scorecard: Mapping[str, Any], clean: bool, spa: bool = False) -> Table:
    """A table of the defects seeded in the build that ran (the SPA's own only with `spa`): found or not
    (on the clean shop: none should be)."""
    findings = scorecard.get("findings") or []
    title = "Seeded defects" + (" of the single-page app" if spa else "") + (" (all switched off)" if clean else "")
    table = Table(title=title, title_justify="left")
    for column in ("Absent" if clean else "Found", "Defect", "Audit", "Where"):
        table.add_column(column)
    for defect in defects_for(spa):
        hits = [f for f in findings if found_at(defect, f) and f.get("severity") in ("error", "warning")]
        mark, style = ("✓", "green") if bool(hits) != clean else ("✗", "red")
        table.add_row(Text(mark, style=style), defect.id, defect.audit, defect.where)
    return table
