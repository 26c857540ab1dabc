"""Stage 2, GATHER: everything that drives or watches the browser, from the journeys to artifacts.json.

The one call is `stage.gather_run`; the step verbs are the table in `verbs.py` (ARCHITECTURE.md)."""
