"""deploy/nginx.conf and output/_headers send the security headers and cache rules of pipeline/policy.py.

The built site, with the .gz twins of PRECOMPRESS, is served by Debian's nginx on loopback with
deploy/nginx.conf (only `root` and `listen` changed); every page type, the 404 page and the
data, search and theme files are checked.  nginx is installed like Chromium
(ensure_browser.py, .ci/run); SKIP_BROWSER=1 leaves this out with the browser tests.
"""
from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from pipeline.outputs.files import write_gzip_twins
from pipeline.policy import CACHE_RULES, HEADER_POLICY, HTML_CACHE, LONG, SECURITY_HEADERS

ROOT = Path(__file__).resolve().parent.parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PATHS = {  # page or file → the Cache-Control it must get
    "/": HTML_CACHE, "/regions/zhengzhou/": HTML_CACHE, "/notices/zhengzhou-2020-79/": HTML_CACHE,
    "/issues/zhengzhou-2020-79-l1-1/": HTML_CACHE, "/units/luanchuan-b114fc47/": HTML_CACHE, "/issues/": HTML_CACHE,
    "/search.html": HTML_CACHE, "/data/issues.json": "public, max-age=300", "/feeds/notices.atom.xml": "public, max-age=300",
    "/search/manifest.json": "no-cache", "/search/docs/0.json.gz": LONG, "/search/bi/00.bin.gz": LONG,
    "/theme/css/site.css": "public, max-age=3600", "/notices/zhengzhou-2020-79.txt": HTML_CACHE,
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(built_site, tmp_path_factory):
    """nginx serving the build with deploy/nginx.conf; yields its port.

    nginx deployments build with PRECOMPRESS (deploy/nginx.conf says so): a copy of the build gets the twins
    `build --precompress` writes (tests/test_site.py checks the flag writes exactly these)."""
    folder = tmp_path_factory.mktemp("nginx")
    site = folder / "site"
    shutil.copytree(built_site, site)
    write_gzip_twins(site)
    port = free_port()
    server = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("root /srv/zhenggai/output;",
                                                                                f"root {site};")
    temp = "".join(f"{kind}_temp_path {folder}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, nginx would read the files as an unprivileged user, which cannot enter pytest's private folders.
    user = "user root root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        f"events {{}}\nhttp {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}{server}\n}}\n", encoding="utf-8")
    process = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"nginx did not start: {process.stderr.read().decode()}", pytrace=False)
            time.sleep(0.05)
    yield port
    process.terminate()
    process.wait(timeout=10)


def get(port: int, path: str, gzip: bool = False) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip else {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.mark.parametrize("path", list(PATHS))
def test_every_page_type_gets_the_security_headers_and_its_cache_rule(nginx, path):
    response = get(nginx, path)
    assert response.status == 200, path
    for name, value in SECURITY_HEADERS.items():
        assert response.getheader(name) == value, (path, name)
    assert response.getheaders().count(("Cache-Control", PATHS[path])) == 1, response.getheaders()


def test_the_404_page_has_the_headers_too(nginx, built_site):
    response = get(nginx, "/issues/no-such-item/")
    assert response.status == 404
    assert response.getheader("Content-Security-Policy") == HEADER_POLICY
    assert response.getheader("X-Frame-Options") == "DENY"


def test_text_is_sent_from_its_gzip_twin(nginx):
    response = get(nginx, "/data/issues.json", gzip=True)
    assert response.getheader("Content-Encoding") == "gzip"


def test_hidden_files_and_the_header_rules_are_not_served(nginx):
    assert get(nginx, "/.rectification-site").status == 404
    assert get(nginx, "/_headers").status == 404


def test_headers_file_and_nginx_conf_agree_with_the_policy(built_site):
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    assert f"  Content-Security-Policy: {HEADER_POLICY}\n" in headers
    for path, value in CACHE_RULES.items():
        assert f"{path}\n  Cache-Control: {value}\n" in headers
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{HEADER_POLICY}" always;' in conf
    assert "unsafe-inline" not in conf + headers and "unsafe-eval" not in conf + headers
    assert re.search(r"frame-ancestors 'none'", headers)
