"""Secrets stay out of every file of a run, in every form the browser and the site give them, and a
base URL's credentials sign in by HTTP authentication."""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.e2e.conftest import journey_file, run_pipeline
from uxaudit.demo.lab import LAB_PASSWORD, LAB_USER
from uxaudit.demo.server import DemoShop
from uxaudit.load.redact import chromium_form_encoded, url_encoded
from uxaudit.load.scenario import slugify

TOKEN = "t0k<\"x'>~ 9é$(!)"  # `$(!)`: kept by the browser in an address, escaped by Python


def test_no_file_of_the_run_holds_a_secret_in_any_form(tmp_path: Path, clean_shop: DemoShop,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAB_TOKEN", TOKEN)
    journey_file(tmp_path, "staging.yaml", """
        name: Staging with a token
        variables: {TOKEN: "${secret:LAB_TOKEN}"}
        tasks:
          - name: "Sign in as ${TOKEN}"
            steps:
              - goto: /lab/basic-auth
              - expect: {visible: You are in}
              - goto: "/lab/thanks?email=${TOKEN}"
              - screenshot: "receipt ${TOKEN}"
            success:
              - visible: "Email:"
    """)
    site = clean_shop.url.replace("http://", f"http://{LAB_USER}:{quote(LAB_PASSWORD, safe='')}@")
    out = tmp_path / "out"
    card = run_pipeline([tmp_path / "staging.yaml"], out, base_url=site)
    task = card["journeys"][0]["tasks"][0]
    assert task["status"] == "passed", task["error"]  # HTTP authentication from the base URL
    forms = {TOKEN, quote(TOKEN), chromium_form_encoded(TOKEN), url_encoded(TOKEN, "query"), html.escape(TOKEN),
             html.escape(TOKEN, quote=False),
             LAB_PASSWORD, quote(LAB_PASSWORD, safe="")}
    leaks = [(path.relative_to(out), form) for path in out.rglob("*") if path.is_file()
             for form in forms if form.encode() in path.read_bytes()]
    assert leaks == []
    names = [str(path.relative_to(out)) for path in out.rglob("*")]
    assert [name for name in names if slugify(TOKEN) in name or "t0k" in name] == []  # ids and file names too
    assert (out / "pages").exists() or any(out.rglob("*.html"))  # the pages were written, masked
