"""Starts and stops the demo shop: a quiet standard-library HTTP server that hands requests to shop.py.

Each server carries its own set of active defects and its own build (the classic shop or the single-page
app), so a clean and a defective shop, or both builds, can run side by side.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from uxaudit.demo.defects import active_defect_ids
from uxaudit.demo.list_store import ListStore
from uxaudit.demo.shop import dispatch
from uxaudit.demo.spa import dispatch_spa
from uxaudit.demo.web import Request, Response, View

logger = logging.getLogger(__name__)

_MAX_BODY = 1_000_000


class ShopServer(ThreadingHTTPServer):
    """An HTTP server that carries its shop's active defects to every request, and answers with its build."""

    # stop() must not wait for a request that is sleeping through a seeded delay.
    block_on_close = False
    daemon_threads = True

    def __init__(self, address: tuple[str, int], active: frozenset[str], spa: bool = False) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, ShopHandler)
        self.host = address[0]
        self.active = active
        self.lists = ListStore()  # the visitor's named lists (/lists), for as long as this server runs
        self.dispatch: View = dispatch_spa if spa else dispatch

    @property
    def url(self) -> str:
        """The base URL, without a trailing slash."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.server_port}"

    def handle_error(self, request: object, client_address: object) -> None:
        """Keep quiet: a browser that leaves a slow page mid-answer is normal here, not a fault."""
        logger.debug("Request from %s failed", client_address, exc_info=True)


class ShopHandler(BaseHTTPRequestHandler):
    """Turns HTTP into a shop.Request, and the shop.Response back into HTTP."""

    server: ShopServer
    protocol_version = "HTTP/1.1"
    server_version = "TrailheadDemo/1.0"
    timeout = 30  # idle keep-alive connections are dropped instead of holding a thread forever

    def do_GET(self) -> None:
        """Answer a GET."""
        self._answer()

    def do_HEAD(self) -> None:
        """Answer a HEAD (as a GET without the body)."""
        self._answer()

    def do_POST(self) -> None:
        """Answer a POST."""
        self._answer()

    def version_string(self) -> str:
        """The Server header."""
        return self.server_version

    def log_message(self, format: str, *args: object) -> None:
        """Log to debug only: the demo shop must not write to the terminal."""
        logger.debug(format, *args)

    def _answer(self) -> None:
        response = self.server.dispatch(self._request())
        if response.delay_s:
            time.sleep(response.delay_s)
        try:
            self._write(response)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _request(self) -> Request:
        parts = urlsplit(self.path)
        return Request(
            method=self.command,
            path=parts.path or "/",
            query={key: values[0] for key, values in parse_qs(parts.query, keep_blank_values=True).items()},
            form=self._form(),
            cookies=_cookies(self.headers.get("Cookie", "")),
            active=self.server.active,
            authorization=self.headers.get("Authorization", ""),
            lists=self.server.lists,
        )

    def _form(self) -> dict[str, str]:
        declared = int(self.headers.get("Content-Length") or 0)
        if declared > _MAX_BODY:
            self.close_connection = True  # the unread rest of the body would garble the next request
        length = min(declared, _MAX_BODY)
        raw = self.rfile.read(length).decode("utf-8", "replace") if length > 0 else ""
        if self.headers.get_content_type() == "application/json":
            return _json_fields(raw)
        return {key: values[0] for key, values in parse_qs(raw, keep_blank_values=True).items()}

    def _write(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        if not any(name == "Cache-Control" for name, _ in response.headers):
            self.send_header("Cache-Control", "no-cache")
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD" and response.status not in (204, 304):
            self.wfile.write(response.body)


def _cookies(header: str) -> dict[str, str]:
    cookies: SimpleCookie = SimpleCookie()
    try:
        cookies.load(header)
    except CookieError:
        return {}
    return {name: morsel.value for name, morsel in cookies.items()}


def _json_fields(raw: str) -> dict[str, str]:
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return {str(key): str(value) for key, value in data.items()} if isinstance(data, dict) else {}


class DemoShop:
    """Context manager: serves the demo shop (the single-page app with `spa=True`) on a background thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, clean: bool = False,
                 disabled: frozenset[str] = frozenset(), fallback_to_any_port: bool = False,
                 spa: bool = False) -> None:
        self._active = active_defect_ids(clean, frozenset(disabled), spa)
        self._spa = spa
        self._address = (host, port)
        self._fallback = fallback_to_any_port
        self._server: ShopServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The shop's base URL, e.g. http://127.0.0.1:45123 (no trailing slash); valid after start()."""
        if self._server is None:
            raise RuntimeError("The demo shop is not running: call start() first")
        return self._server.url

    def start(self) -> str:
        """Start serving on a background thread (once) and return the base URL."""
        if self._server is None:
            try:
                self._server = ShopServer(self._address, self._active, self._spa)
            except OSError:  # the port is taken (another demo running): any free one will do
                if not self._fallback:
                    raise
                self._server = ShopServer((self._address[0], 0), self._active, self._spa)
            self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                            name=f"demo-shop-{self._server.server_address[1]}", daemon=True)
            self._thread.start()
        return self.url

    def stop(self) -> None:
        """Stop serving and free the port; safe to call twice."""
        server, thread = self._server, self._thread
        self._server, self._thread = None, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def active_defects(self) -> frozenset[str]:
        """The ids of the defects this shop has switched on."""
        return self._active

    def __enter__(self) -> DemoShop:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()


def serve(host: str, port: int, clean: bool, spa: bool = False) -> None:
    """Serve the demo shop (the single-page app with `spa`) in the foreground until Ctrl+C (`uxaudit serve-demo`)."""
    server = ShopServer((host, port), active_defect_ids(clean, frozenset(), spa), spa)
    logger.info("Demo shop at %s (%s)", server.url, "clean" if clean else "with its seeded defects")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        logger.info("Demo shop stopped")
    finally:
        server.server_close()
