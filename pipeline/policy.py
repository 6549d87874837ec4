"""What the site allows a browser to do: one Content-Security-Policy and the other security headers.

Pages carry the policy in a <meta> tag (the only way on hosts without header
rules, such as GitHub Pages); `output/_headers` and `deploy/nginx.conf` send
it as a real header, where `frame-ancestors` also applies (a <meta> policy
cannot forbid framing).
"""
from __future__ import annotations

CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; base-uri 'self'; form-action 'self'")
HEADER_POLICY = CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'"
SECURITY_HEADERS = {
    "Content-Security-Policy": HEADER_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
# Cache rules by path (site-relative, as _headers writes them).  Search files are fetched with
# ?v=<stamp> and never change under one address; the theme's files are not fingerprinted.
LONG = "public, max-age=31536000, immutable"
CACHE_RULES = {
    "/search/bi/*": LONG, "/search/uni/*": LONG, "/search/docs/*": LONG, "/search/filter/*": LONG,
    "/search/manifest.json": "no-cache",
    "/theme/*": "public, max-age=3600",
    "/data/*": "public, max-age=300",
    "/feeds/*": "public, max-age=300",
}
HTML_CACHE = "no-cache"  # pages and everything else: always revalidated, so a rebuild shows at once
