"""A local static server for the benchmark: gzip like a typical host.

Both engines are served by this same server so transfer sizes compare
fairly: a file with a precompressed `.gz` twin is sent as that twin (as
nginx's gzip_static does; the benchmark builds the site with --precompress, which writes twins of every text file, and
the benchmark writes them for Pagefind's text files too), any other text
response is gzipped at level 9 on the fly when the browser accepts gzip.  Pagefind's index files are already gzip streams (magic bytes 1f 8b)
that its own JavaScript decompresses, so they go out as stored, without a
Content-Encoding header; compressing them again would only add bytes.
"""
from __future__ import annotations

import gzip
import mimetypes
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

GZIP_MAGIC = b"\x1f\x8b"
LIFETIME_SECONDS = 6 * 3600  # a forgotten server stops by itself
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
         ".wasm": "application/wasm", ".pagefind": "application/octet-stream", ".pf_meta": "application/octet-stream",
         ".pf_index": "application/octet-stream", ".pf_fragment": "application/octet-stream",
         ".pf_filter": "application/octet-stream"}


def encode_body(body: bytes, accepts_gzip: bool) -> tuple[bytes, bool]:
    """The bytes to send and whether they carry Content-Encoding: gzip."""
    if not accepts_gzip or body.startswith(GZIP_MAGIC):
        return body, False
    return gzip.compress(body, compresslevel=9, mtime=0), True


def resolve(site: Path, url_path: str) -> Path | None:
    """The file for a URL path inside `site` (index.html for folders), or None."""
    relative = unquote(urlsplit(url_path).path).lstrip("/")
    target = (site / relative).resolve()
    if target != site and site not in target.parents:
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def content_type(path: Path) -> str:
    guessed = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") or guessed == "application/json" else guessed


def handler_for(site: Path) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            path = resolve(site, self.path)
            if path is None:
                self.send_error(404)
                return
            accepts = "gzip" in self.headers.get("Accept-Encoding", "")
            twin = path.with_name(path.name + ".gz")
            if accepts and twin.is_file():  # precompressed, as static hosts serve it (gzip_static)
                body, gzipped = twin.read_bytes(), True
            else:
                body, gzipped = encode_body(path.read_bytes(), accepts)
            self.send_response(200)
            self.send_header("Content-Type", content_type(path))
            self.send_header("Content-Length", str(len(body)))
            if gzipped:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    return Handler


@contextmanager
def serve(site: Path, lifetime: float = LIFETIME_SECONDS):
    """Serve `site` on 127.0.0.1 at a free port; yields the base URL ending in '/'."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(site.resolve()))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    timer = threading.Timer(lifetime, server.shutdown)
    timer.daemon = True
    timer.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        timer.cancel()
        server.shutdown()
        server.server_close()
