"""uxaudit.yaml's mistakes and a bad base URL never quote a secret: a secret variable is named
(`${secret:API_TOKEN}`), a URL's password is masked (docs/security.md)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uxaudit.errors import InputError, ScenarioError, ScenarioErrors, UsageError
from uxaudit.gather.verbs import VERBS
from uxaudit.load.config import RunConfig, load_config
from uxaudit.load.stage import load_run
from uxaudit.load.urls import masked_url, url_password

SECRET = "hunter2-s3cret"


def said(tmp_path: Path, text: str) -> str:
    """What uxaudit prints for a uxaudit.yaml holding `text`."""
    path = tmp_path / "uxaudit.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises((ScenarioError, ScenarioErrors)) as caught:
        load_config(path)
    return str(caught.value)


@pytest.mark.parametrize(("text", "expected"), [
    (f"variables:\n  API_TOKEN: [{SECRET}]\n", "got ['${secret:API_TOKEN}']"),
    (f"variables:\n  DB_PASSWORD: {{a: {SECRET}}}\n", "got {'${secret:DB_PASSWORD}': '${secret:DB_PASSWORD}'}"),
    (f"variables:\n  API_TOKEN: !!int {SECRET}\n", "variables.API_TOKEN: '${secret:API_TOKEN}' is not a valid int"),
    (f"variables:\n  API_TOKEN: {SECRET}\ngate:\n  - {{target: audit, id: {SECRET}, max_count: 0}}\n",
     "gate[0].id: unknown audit '${secret:API_TOKEN}'"),
    (f"variables:\n  API_TOKEN: {SECRET}\nthresholds: {{{SECRET}: 1}}\n", "unknown key '${secret:API_TOKEN}'"),
    (f"base_url: [http://ci:{SECRET}@staging.test]\n", "got ['http://ci:••••••@staging.test']"),
    (f"base_url: !!int http://ci:{SECRET}@staging.test\n", "'http://ci:••••••@staging.test' is not a valid int"),
    (f"base_url: http://ci:{SECRET}@staging.test\nworkers: http://ci:{SECRET}@x\n",
     "workers: expected a whole number, got 'http://ci:••••••@x'"),
    (f"- base_url: http://ci:{SECRET}@staging.test\n", "expected a mapping, got [{'base_url': 'http://ci:••••••@"),
])
def test_config_errors_name_secrets_instead_of_quoting_them(tmp_path: Path, text: str, expected: str) -> None:
    message = said(tmp_path, text)
    assert expected in message
    assert SECRET not in message and "hunter2" not in message


def test_a_secret_shorter_than_a_word_is_still_not_quoted(tmp_path: Path) -> None:
    message = said(tmp_path, "variables:\n  API_KEY: [abc]\n  PIN_TOKEN: {x: 12}\n")
    assert "'abc'" not in message and "12" not in message
    assert "variables" in message  # the words around it are left alone


@pytest.mark.parametrize(("url", "expected"), [
    (f"http://ci:{SECRET}@staging.test:99999", "is not a valid URL (Port out of range 0-65535)"),
    (f"http://ci:{SECRET}@[::1", "is not a valid URL (Invalid IPv6 URL)"),
    (f"ftp://ci:{SECRET}@staging.test", "must start with http:// or https://"),
    (f"ci:{SECRET}@staging.test", "must start with http:// or https://"),
    (f"http://ci:{SECRET}\u2100@staging.test", "contains invalid characters"),  # Python quotes the netloc
])
def test_a_bad_base_url_is_printed_with_its_password_masked(tmp_path: Path, url: str, expected: str) -> None:
    (tmp_path / "j.yaml").write_text("name: J\nsteps:\n  - goto: /\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        load_run([tmp_path / "j.yaml"], RunConfig(base_url=url), VERBS)
    message = str(caught.value)
    assert message.startswith(f"base URL '{masked_url(url)}'") and "ci:••••••@" in message
    assert expected in message and SECRET not in message


@pytest.mark.parametrize(("url", "password", "masked"), [
    ("http://ci:pw@host/path", "pw", "http://ci:••••••@host/path"),
    ("http://ci:p@ss@host", "p@ss", "http://ci:••••••@host"),  # the last @ ends it, as in urlsplit
    ("http://ci:a%40b@host?next=x:y@z", "a%40b", "http://ci:••••••@host?next=x:y@z"),
    ("http://host/a:b@c", None, "http://host/a:b@c"),  # a path is not credentials
    ("http://ci@host", None, "http://ci@host"),  # a user name alone is not a secret
    ("http://ci:@host", None, "http://ci:@host"),
])
def test_a_urls_password_is_read_as_the_browser_reads_it(url: str, password: str | None, masked: str) -> None:
    assert url_password(url) == password
    assert masked_url(url) == masked


KEYS = ["base_url", "variables", "API_TOKEN", "DB_PASSWORD", "workers", "out", "gate", "thresholds", "scoring",
        "lighthouse", "links", "id", "target", "cls"]
# The secret appears only where it is one: under a secret name, or as a URL's password.
secret_variables = st.builds(lambda name, value: {name: value}, st.sampled_from(["API_TOKEN", "DB_PASSWORD"]),
                             st.one_of(st.just(SECRET), st.lists(st.just(SECRET), max_size=2),
                                       st.dictionaries(st.sampled_from(["a", "b"]), st.just(SECRET), max_size=2)))
scalars = st.one_of(st.sampled_from([f"http://ci:{SECRET}@x.test", f"ci:{SECRET}@x", *KEYS]),
                    st.text(max_size=8), st.integers(), st.booleans(), st.none(), secret_variables)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8), st.integers()),
                                                 inner, max_size=3)),
    max_leaves=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.fixed_dictionaries({}, optional={"base_url": values, "variables": values, "workers": values,
                                                     "gate": values, "thresholds": values}), values))
def test_any_config_loads_or_is_an_input_error_that_quotes_no_secret(data: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "uxaudit.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        try:
            load_config(path)
        except InputError as exc:
            assert SECRET not in str(exc)
