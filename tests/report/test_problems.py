"""A stored run's findings are counted as the reports count a run's: one problem however many tasks met it."""

from __future__ import annotations

from uxaudit.report.problems import stored_problems

PAGE = "http://shop.test/products/{id}"


def test_a_stored_run_counts_problems_as_the_report_does() -> None:
    findings = {
        f"console-error:buy/find:{PAGE}": ("console-error", "warning", "“/products/5” reported 1 script error"),
        f"console-error:browse/look:{PAGE}": ("console-error", "warning", "“/products/9” reported 2 script errors"),
        "console-error:browse/look:http://shop.test/": ("console-error", "warning", "“/” reported 1 script error"),
        f"accessibility:buy/find:{PAGE}:image-alt": ("accessibility", "error", "Images must have alt text"),
        f"accessibility:buy/find:{PAGE}:label": ("accessibility", "error", "Fields must have labels"),
        "task-success:buy/pay": ("task-success", "error", "Task “Pay” could not be completed"),
        "task-success:browse/pay": ("task-success", "error", "Task “Pay” could not be completed"),
    }
    problems = stored_problems(findings, findings)
    # the product page's script error is one problem (two tasks met it, with other words); the home
    # page's is another; two axe rules are two; two failed tasks are two, though their titles are alike
    assert len(problems) == 6
    assert [p.severity for p in problems] == ["error"] * 4 + ["warning"] * 2
    product = next(p for p in problems if p.title.startswith("“/products/5”"))
    assert product.tasks == 2
