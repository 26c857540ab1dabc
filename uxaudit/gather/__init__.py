"""Evidence gathering in the browser: one module per kind of evidence, used only by the runner."""
