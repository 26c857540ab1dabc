"""Stage 4, SCORE: findings → scores (task → journey → site), baseline, gate → the scorecard; the history.

The one call is `stage.judge` (then `stage.remember` once the reports are written; ARCHITECTURE.md)."""
