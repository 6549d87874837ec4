"""Command line: build the site, report on parsing, try or add a notice.

    python -m pipeline build [--output DIR] [--as-of YYYY-MM-DD]
    python -m pipeline report
    python -m pipeline parse FILE [--json]
    python -m pipeline init FILE --id ID [--region-city 郑州市] [--region-county …]
    python -m pipeline import-list FILE --type TYPE [--batch N] [--city NAME] [--json] [--output PATH]
    python -m pipeline check-deadlines [--as-of YYYY-MM-DD]

Content problems are printed as `file:line: message` with exit status 1;
an unexpected failure prints a short message (exit 2) and a traceback only
with --debug.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import time
import traceback
from pathlib import Path

INTERRUPTED = "已中断，输出文件夹未改动（interrupted; the output folder is unchanged）。"


def _stop_while_starting(signum, frame) -> None:
    """Ctrl-C or SIGTERM while the command is still importing (a second or more on a loaded machine):
    nothing is written yet, so say so and exit 130 at once; main() installs the handlers of a running build."""
    os.write(2, (INTERRUPTED + "\n").encode("utf-8"))
    os._exit(130)


if __name__ == "__main__":  # run as a command, not imported (tests call main() in their own process)
    for _signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(_signum, _stop_while_starting)

import yaml  # noqa: E402 - below: a signal during these imports is handled

from .inputs.content import load_content
from .inputs.notices import META_NAME, RAW_NAME, sha256_of
from .notices.process import process_raw_file
from .outputs.data import issue_record_json
from .problems import PipelineError, error
from .report import notice_report
from .model.disclosures import LIST_TYPES
from .model.urls import ID_PATTERN
from .settings import PROJECT_ROOT, content_settings, read_settings


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _stop)  # first: a SIGTERM at any moment stops the build like Ctrl-C
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C: KeyboardInterrupt, staging removed
    parser = argparse.ArgumentParser(prog="python -m pipeline", description="整改公开网站生成器 / rectification site generator")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="project folder (default: this checkout)")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the whole site into output/")
    build.add_argument("--output", type=Path, default=None)
    build.add_argument("--as-of", default=None, help="date the site reports status as of (default: today or $SITE_AS_OF)")
    build.add_argument("--no-history", action="store_true", help="do not read each item's change history from git")
    build.add_argument("--snapshots", type=Path, default=None,
                       help="folder of dated data snapshots kept between builds (make site: snapshots/)")
    build.add_argument("--timings", action="store_true", help="print the wall time of each stage")
    build.add_argument("--pdf-cache", type=Path, default=None,
                       help="folder of newspaper PDFs kept between builds by content (make site: .cache/newspaper/)")
    build.add_argument("--cache", type=Path, default=None,
                       help="folder of parse results and search shards kept between builds by content (make site: .cache/build/)")
    build.add_argument("--precompress", action="store_true",
                       help="write a .gz twin of every text file, for nginx's gzip_static (default: PRECOMPRESS in pelicanconf.py)")
    report = commands.add_parser("report", help="parse every notice and report items, field coverage and warnings")
    report.add_argument("--quiet", action="store_true", help="counts only, no warning lines")
    parse = commands.add_parser("parse", help="parse one raw notice file (no metadata needed)")
    parse.add_argument("file", type=Path)
    parse.add_argument("--json", action="store_true", help="print the records as JSON")
    init = commands.add_parser("init", help="add a raw notice to content/notices with a draft meta.yml")
    init.add_argument("file", type=Path)
    init.add_argument("--id", required=True, help="stable ASCII id, e.g. zhengzhou-2020-79")
    init.add_argument("--region-city", default=None)
    init.add_argument("--region-county", default=None)
    draft = commands.add_parser("draft-update", help="draft an update from a completion notice's text (销号公示)")
    draft.add_argument("file", type=Path)
    draft.add_argument("--notice", default=None, help="the notice id whose item the text names, e.g. zhengzhou-2017-178")
    draft.add_argument("--as-of", default=None, help="date to judge the 公示期 against (default: today in China)")
    draft.add_argument("--json", action="store_true", help="print one JSON object instead of the update file")
    imported = commands.add_parser("import-list", help="read a supervision list (督办问题清单) copied as text")
    imported.add_argument("file", type=Path)
    imported.add_argument("--type", required=True, choices=list(LIST_TYPES), dest="list_type")
    imported.add_argument("--batch", type=_positive, default=None, help="第几期 (default: from the title)")
    imported.add_argument("--city", default=None, help="keep only this city's rows, renumbered, e.g. 郑州市")
    imported.add_argument("--json", action="store_true", help="print one JSON object instead of the YAML")
    imported.add_argument("--output", type=Path, default=None, help="write to this new file instead of printing")
    new_update = commands.add_parser("new-update", help="start a progress update file in content/updates/")
    new_update.add_argument("items", nargs="+", help="item ids, e.g. zhengzhou-2017-178-l1-1")
    new_update.add_argument("--date", default=None, help="the update's date (default: today in China)")
    deadlines = commands.add_parser("check-deadlines", help="list what the 督办公开 column must publish, and by when")
    deadlines.add_argument("--as-of", default=None, help="check as of this date (default: today in China)")
    publish = commands.add_parser("publish", help="copy a finished build to DEST atomically")
    publish.add_argument("dest", type=Path)
    publish.add_argument("--site", type=Path, default=None, help="the finished build (default: output/)")
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except PipelineError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"\n共 {len(exc.problems)} 个错误，未生成任何输出（{len(exc.problems)} error(s); nothing was written）。", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head`
        sys.stderr.close()
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a bare traceback
        if args.debug:
            traceback.print_exc()
        print(f"内部错误（internal error）：{type(exc).__name__}: {exc}\n请把这条信息和最近修改的文件告诉开发者；"
              "加 --debug 可看到详细信息。", file=sys.stderr)
        return 2


def _stop(signum, frame) -> None:
    """SIGTERM (a killed `make site`, a CI timeout) stops the build like Ctrl-C: staging is removed."""
    raise KeyboardInterrupt


def cmd_build(args) -> int:
    from .build import Stages, build

    started = time.perf_counter()
    settings = read_settings(args.root, args.output, args.as_of, history=not args.no_history, snapshots=args.snapshots,
                             pdf_cache=args.pdf_cache, precompress=args.precompress, cache=args.cache)
    stages = Stages()
    content, model = build(settings, stages)
    warnings = sum(len(r.warnings) for r in content.notices)
    print(f"已生成 built {settings.output}: {len(model.notices)} 个通知 notices, {len(model.issues)} 条记录 issues, "
          f"{len(model.units)} 个单位 units, {len(model.updates)} 条进展 updates, {warnings} 条警告 warnings "
          f"({time.perf_counter() - started:.1f}s)")
    print(HISTORY_STATES[model.history.state])
    if args.timings:
        for name, seconds in stages.times:
            print(f"阶段 stage {name}: {seconds:.2f} s, peak {stages.peaks[name]} MB")
    return 0


HISTORY_STATES = {
    "complete": "修改记录：完整（history: complete）",
    "shallow": "修改记录：不完整，这是浅克隆，页面已注明；完整历史请用 git fetch --unshallow"
               "（history: incomplete, shallow clone; the pages say so）",
    "unavailable": "修改记录：无法读取 git 历史，页面已注明（history: unavailable, not a git checkout）",
    "off": "修改记录：未读取（history: off, --no-history）",
}


def cmd_report(args) -> int:
    results = load_content(content_settings(args.root)).notices
    for result in results:
        print(notice_report(result, show_warnings=not args.quiet))
        print()
    total = sum(len(r.issues) for r in results)
    warnings = sum(len(r.warnings) for r in results)
    print(f"合计 total: {len(results)} 个通知 notices, {total} 条记录 records, {warnings} 条警告 warnings")
    return 0


def cmd_parse(args) -> int:
    result = process_raw_file(args.file, str(args.file))
    if result.errors:
        raise PipelineError(result.errors)
    if args.json:
        json.dump([issue_record_json(issue) for issue in result.issues], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(notice_report(result))
    return 0


def cmd_init(args) -> int:
    """Copy the raw text byte for byte and draft meta.yml from what the text states."""
    if not ID_PATTERN.match(args.id):
        raise error("init.bad-id", "--id", None,
                    f"id“{args.id}”只能用小写英文字母、数字和连字符，如 zhengzhou-2020-79（lowercase ASCII, digits, hyphens）。")
    result = process_raw_file(args.file, str(args.file))
    if result.errors:
        raise PipelineError(result.errors)
    folder = content_settings(args.root).notices_dir / args.id
    if folder.exists():
        raise error("init.folder-exists", str(folder), None, "该 id 的文件夹已存在（folder exists）：请换一个 id。")
    folder.mkdir(parents=True)
    shutil.copyfile(args.file, folder / RAW_NAME)
    meta = result.meta
    draft = {
        **meta.published_fields(),
        "id": args.id,
        "region": {"province": "河南省", "city": args.region_city, "county": args.region_county},
        "lists": [{"title": lst.title, "declared_count": None} for lst in result.parsed.lists],
        "original_file": args.file.name,
        "sha256": sha256_of(folder / RAW_NAME),
    }
    header = ("# 通知元数据（由 python -m pipeline init 从原文提取的草稿，请逐项核对）\n"
              "# Notice metadata drafted from the text; check every value. See content/README.md.\n")
    (folder / META_NAME).write_text(header + yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(f"已创建 created {folder}：请核对 {META_NAME}，然后运行 make site。")
    return 0


def cmd_draft_update(args) -> int:
    from .draft_update import draft_update, update_file_text

    found = draft_update(args.file, args.notice, read_settings(args.root, as_of=args.as_of).as_of, args.root)
    if args.json:
        json.dump(found, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(update_file_text(found), end="")
    return 0


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text}")
    return int(text)


def cmd_check_deadlines(args) -> int:
    from .deadline_report import check_deadlines

    return check_deadlines(read_settings(args.root, as_of=args.as_of, history=False))


def cmd_import_list(args) -> int:
    from .inputs.table_text import edition_json, edition_yaml, import_list

    found = import_list(args.file, str(args.file), args.list_type, args.batch, args.city, args.output)
    if found.problems:
        if args.json:
            print(json.dumps(edition_json(found), ensure_ascii=False, indent=1))
        raise PipelineError(found.problems)
    text = json.dumps(edition_json(found), ensure_ascii=False, indent=1) + "\n" if args.json else edition_yaml(found)
    if args.output is None:
        print(text, end="")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("x", encoding="utf-8") as out:
        out.write(text)
    print(f"已创建 created {args.output}：{len(found.rows)} 行 rows；请逐行核对，并填写标有【请填写】的日期。")
    return 0


def cmd_new_update(args) -> int:
    """Write a scaffold for the items (which must exist); the build refuses it until it is filled in."""
    from .inputs.updates import scaffold

    settings = read_settings(args.root, as_of=args.date)
    known = {issue.id for result in load_content(content_settings(args.root)).notices for issue in result.issues}
    unknown = [item for item in args.items if item not in known]
    if unknown:
        raise error("update.unknown-item", "new-update", None,
                    f"没有编号为“{unknown[0]}”的整改事项（unknown item id）：编号见事项页面或 data/issues.json 的 id。")
    folder = settings.updates_dir
    folder.mkdir(parents=True, exist_ok=True)
    stem, number = f"{settings.as_of}-{args.items[0]}", 1
    path = folder / f"{stem}.md"
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.md"
    path.write_text(scaffold(args.items, settings.as_of), encoding="utf-8")
    print(f"已创建 created {settings.display(path)}：请填写标有“【请填写】”的地方，核对 status，然后运行 make site。")
    return 0


def cmd_publish(args) -> int:
    from .publish import copy_into_place

    settings = content_settings(args.root)
    count = copy_into_place(args.site or settings.output, args.dest, settings.root, settings.display)
    print(f"已发布 published {args.dest}：{count} 个文件 files")
    return 0


COMMANDS = {"build": cmd_build, "report": cmd_report, "parse": cmd_parse, "init": cmd_init,
            "draft-update": cmd_draft_update, "import-list": cmd_import_list, "check-deadlines": cmd_check_deadlines, "new-update": cmd_new_update,
            "publish": cmd_publish}

def _exit(code: int) -> None:
    """Exit with `code`.  After an interruption, exit 130 at once (output flushed, staging already removed):
    CPython kills itself with SIGINT at shutdown when a KeyboardInterrupt crossed certain C-level calls
    (seen under load, a SIGTERM early in a build), which would hide the documented status."""
    if code == 130:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    _exit(main())
