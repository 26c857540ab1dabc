"""Stage 1, LOAD: journey files and uxaudit.yaml → validated, resolved Journeys and a RunConfig.

The one call is `stage.load_run`; nothing here starts a browser (ARCHITECTURE.md)."""
