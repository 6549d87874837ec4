"""Checkers a government web team runs on the built site: the W3C Nu HTML Checker and Lighthouse.

Dev-only: their tools come from package.json (npm ci) and Debian (Java,
Chromium); nothing here is part of the site.  `invoke check-html` and
`invoke check-lighthouse` run them; `.ci/run` runs both after the build.
"""
