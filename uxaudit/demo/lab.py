"""The lab: pages with knobs (status, delay, redirects, errors, forms) for uxaudit's own end-to-end
tests. Not linked from the shop, and the same whether the shop's defects are on or off."""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import replace

from uxaudit.demo.web import NO_STORE, STATIC, Request, Response, View, cookie, go, redirect, render


def lab_status(req: Request) -> Response:
    """A page answered with the status in the path."""
    code = int(req.args["code"])
    if code in (204, 304):
        return Response(code, b"", headers=(NO_STORE,))
    return _lab(req, f"Status {code}", [f"This page answered HTTP {code}."], status=code)


def lab_delay(req: Request) -> Response:
    """A page answered after the milliseconds in the path (at most a minute)."""
    ms = min(int(req.args["ms"]), 60_000)
    return replace(_lab(req, "Delayed page", [f"This page was answered after {ms} ms."]), delay_s=ms / 1000)


def lab_slow_load(req: Request) -> Response:
    """A page answered at once whose picture comes after the milliseconds in the path."""
    ms = min(int(req.args["ms"]), 60_000)
    return _lab(req, "Slow picture", [f"The page came at once; its picture takes {ms} ms."],
                image=f"/lab/slow-image/{ms}.svg")


def lab_slow_image(req: Request) -> Response:
    """The picture of /lab/slow-load, never cached so every visit waits."""
    delay = min(int(req.args["ms"]), 60_000) / 1000
    return Response(200, (STATIC / "favicon.svg").read_bytes(), "image/svg+xml", (NO_STORE,), delay)


def lab_redirect(req: Request) -> Response:
    """n hops of 302, then a page that says Arrived."""
    hops = min(int(req.args["n"]), 50)
    return redirect(f"/lab/redirect/{hops - 1}") if hops else _lab(req, "Arrived", ["No more redirects."])


def lab_busy(req: Request) -> Response:
    """A page whose script freezes the main thread for ms, 300 ms after it loads."""
    ms = min(int(req.args["ms"]), 120_000)
    return _lab(req, "Busy page", [f"This page freezes for {ms} ms."], busy_ms=ms)


def lab_slow_button(req: Request) -> Response:
    """A button whose answer (a fetch) takes ms to arrive."""
    ms = min(int(req.args["ms"]), 60_000)
    return _lab(req, "Slow button", [f"The button's answer takes {ms} ms."], slow_button_ms=ms)


def lab_sign_in(req: Request) -> Response:
    """Sets the lab's session cookie, then on to the members' page."""
    return redirect("/lab/members", 303, cookie("lab_session", "signed-in"))


def lab_members(req: Request) -> Response:
    """Only for a signed-in session (the cookie of /lab/sign-in); 401 for anyone else."""
    if req.cookies.get("lab_session") != "signed-in":
        return _lab(req, "Sign in first", ["This page is for members only."], status=401)
    return _lab(req, "Members area", ["You are signed in."])


LAB_USER, LAB_PASSWORD = "ada", "p&ss w0rd:42"  # the lab's HTTP authentication (tests only)


def lab_basic_auth(req: Request) -> Response:
    """A page behind HTTP authentication (401 and a challenge until the browser sends the lab's
    user and password), as staging sites often are."""
    expected = "Basic " + base64.b64encode(f"{LAB_USER}:{LAB_PASSWORD}".encode()).decode()
    if req.authorization != expected:
        page = _lab(req, "Sign in first", ["This staging site asks for a user name and password."], status=401)
        return replace(page, headers=(*page.headers, ("WWW-Authenticate", 'Basic realm="lab"')))
    return _lab(req, "Staging site", ["You are in."])


_FLAKY_VISITS: Counter[str] = Counter()


def lab_flaky(req: Request) -> Response:
    """Works on the 1st, 3rd, 5th… visit of its key and fails (503) on the others: a flaky page."""
    key = req.args["key"]
    _FLAKY_VISITS[key] += 1
    if _FLAKY_VISITS[key] % 2 == 0:
        return _lab(req, "Try again later", ["Something went wrong this time."], status=503)
    return _lab(req, "Ready", ["It worked this time."])


def lab_console_error(req: Request) -> Response:
    """A page that calls console.error and then throws an uncaught exception."""
    return _lab(req, "Console error", ["This page logs an error, then throws one."], console_error=True)


def lab_thanks(req: Request) -> Response:
    """What the lab form sent (passwords are never echoed)."""
    fields = req.form or req.query  # a POST's form, or a GET form's query
    sent = [f"{key.capitalize()}: {fields[key]}" for key in ("email", "colour", "city") if key in fields]
    if "colour" in fields:
        sent.append(f"Subscribe: {'yes' if fields.get('subscribe') else 'no'}")
    return _lab(req, "Thanks", sent or ["Nothing was sent."])


# The stylesheets of /lab/imports: imports.css @imports one missing file and one that @imports another
# (a relative address, which CSS resolves against the sheet that holds it, not against the page).
LAB_CSS = {
    "imports": '@import url("missing.css");\n@import url("nested.css");\nbody { margin: 0; }\n',
    "nested": '@import url("deep.css");\nh1 { letter-spacing: 0; }\n',
    "deep": "p { line-height: 1.5; }\n",
}


def lab_css(req: Request) -> Response:
    """A stylesheet of /lab/imports."""
    return Response(200, LAB_CSS[req.args["name"]].encode(), "text/css; charset=utf-8", (NO_STORE,))


def _lab(req: Request, heading: str, lines: list[str], status: int = 200, **extra: object) -> Response:
    page = render(req, "lab_page.html", status, heading=heading, lines=lines, **extra)
    return replace(page, headers=(NO_STORE,))


def _lab_page(template: str) -> View:
    return lambda req: replace(render(req, template), headers=(NO_STORE,))




LAB_ROUTES: tuple[tuple[str, str, View], ...] = (
    ("GET", r"/lab/status/(?P<code>[2-5][0-9][0-9])", lab_status),
    ("GET", r"/lab/delay/(?P<ms>[0-9]{1,6})", lab_delay),
    ("GET", r"/lab/slow-load/(?P<ms>[0-9]{1,6})", lab_slow_load),
    ("GET", r"/lab/slow-image/(?P<ms>[0-9]{1,6})\.svg", lab_slow_image),
    ("GET", r"/lab/redirect/(?P<n>[0-9]{1,3})", lab_redirect),
    ("GET", r"/lab/loop", go("/lab/loop")),
    ("GET", r"/lab/console-error", lab_console_error),
    ("GET", r"/lab/sign-in", lab_sign_in),
    ("GET", r"/lab/flaky/(?P<key>[a-z0-9-]{1,40})", lab_flaky),
    ("GET", r"/lab/members", lab_members),
    ("GET", r"/lab/basic-auth", lab_basic_auth),
    ("GET", r"/lab/busy/(?P<ms>[0-9]{1,6})", lab_busy),
    ("GET", r"/lab/slow-button/(?P<ms>[0-9]{1,6})", lab_slow_button),
    ("GET", r"/lab/blank", _lab_page("lab_blank.html")),
    ("GET", r"/lab/form", _lab_page("lab_form.html")),
    ("GET", r"/lab/password", _lab_page("lab_password.html")),
    ("GET", r"/lab/targets", _lab_page("lab_targets.html")),
    ("GET", r"/lab/spa(?:/[a-z0-9/-]*)?", _lab_page("lab_spa.html")),
    ("GET", r"/lab/thanks", lab_thanks),
    ("POST", r"/lab/thanks", lab_thanks),
    ("GET", r"/lab/imports", _lab_page("lab_imports.html")),
    ("GET", r"/lab/css/(?P<name>imports|nested|deep)\.css", lab_css),
)
