"""The 督办公开 column's figures from a built site: each edition's rows and its newspaper PDF's pages and size,
and each week's TV script's characters, computed duration and captions.

    .venv/bin/python -m bench.disclosure_figures output/

Reads only the built files (the edition JSON, the PDF via poppler's pdfinfo, the script's .txt and .srt), so
the figures are what was published.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
from pathlib import Path

import srt

from pipeline.model.captions import duration_ms, spoken_length


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def edition_rows(site: Path) -> list[str]:
    lines = ["| edition | kind | rows | PDF pages | PDF KB |", "|---|---|---|---|---|"]
    for record_file in sorted(site.glob("disclosure/*/*.json")):
        record = json.loads(record_file.read_text(encoding="utf-8"))
        pdf = record_file.with_suffix(".pdf")
        kind = "generated" if record["generated_from_notice"] else record["kind"]
        lines.append(f"| {record['id']} | {kind} | {len(record['rows'])} | {pdf_pages(pdf)} | "
                     f"{pdf.stat().st_size / 1024:.0f} |")
    return lines


def script_rows(site: Path) -> list[str]:
    lines = ["| week | characters | duration s | captions | last cue ends s |", "|---|---|---|---|---|"]
    total = 0
    for text_file in sorted(site.glob("disclosure/tv/*/*.txt")):
        text = text_file.read_text(encoding="utf-8")
        cues = list(srt.parse(text_file.with_suffix(".srt").read_text(encoding="utf-8")))
        ms = duration_ms(text)
        total += ms
        lines.append(f"| {text_file.stem} | {spoken_length(text)} | {ms / 1000:.2f} | {len(cues)} | "
                     f"{cues[-1].end.total_seconds():.2f} |")
    lines.append(f"\n{len(lines) - 2} scripts, {total / 1000:.0f} s in all")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (default output/)", nargs="?", default=Path("output"))
    args = parser.parse_args(argv)
    print("\n".join(edition_rows(args.site) + [""] + script_rows(args.site)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
