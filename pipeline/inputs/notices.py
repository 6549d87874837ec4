"""content/notices/<id>/: one folder per notice (notice.txt, meta.yml, optional corrections.yml).

The loader checks what only a folder can get wrong (missing files, a folder
name that is not the id, a raw text changed after its checksum was taken),
reads meta.yml and corrections.yml, and hands the rest to the notice stages
(notices/process.py).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..notices.names import AliasTable
from ..notices.process import NoticeResult, process
from ..problems import Diagnostics, collecting, error
from .corrections import load_corrections
from .meta import load_meta

RAW_NAME = "notice.txt"
META_NAME = "meta.yml"
CORRECTIONS_NAME = "corrections.yml"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_notice(folder: Path, display, regions: dict, aliases: AliasTable) -> NoticeResult:
    """One notice folder to records; `display(path)` names a file in messages."""
    meta_path, raw_path = folder / META_NAME, folder / RAW_NAME
    meta_display, raw_display = display(meta_path), display(raw_path)
    if not meta_path.exists():
        raise error("notice.missing-meta", meta_display, None,
                    f"缺少 {META_NAME}：每个通知文件夹需要元数据文件（missing meta.yml）。"
                    "可运行 python -m pipeline init 原文.txt 生成草稿。")
    diag = Diagnostics()
    with collecting(diag):
        meta = load_meta(meta_path, meta_display, regions)
        if folder.name != meta.id:
            diag.error("notice.folder-not-id", meta_display, meta.key_lines.get("id"),
                       f"文件夹名“{folder.name}”应与 id“{meta.id}”相同（folder name must equal id）。", "id")
    if not raw_path.exists():
        diag.error("notice.missing-text", raw_display, None, f"缺少原文 {RAW_NAME}（missing raw notice text）。")
    elif not diag.errors and (actual := sha256_of(raw_path)) != meta.sha256:
        diag.error("notice.text-changed", meta_display, meta.key_lines.get("sha256"),
                   f"{RAW_NAME} 与 meta.yml 中的 sha256 不符：原文是证据，不应修改，请用 corrections.yml 更正解析结果。"
                   f"若确需替换原文，请把 sha256 改为 {actual}（raw text changed）。", "sha256")
    diag.raise_errors()  # without a checked meta.yml and the raw text there is nothing to parse
    corrections = load_corrections(folder / CORRECTIONS_NAME, display(folder / CORRECTIONS_NAME), diag)
    return process(raw_path, raw_display, meta, aliases, corrections, diag)


def notice_files(result: NoticeResult, display) -> tuple[str, ...]:
    """The files behind a notice's items, as editors name them: its text, meta.yml and corrections.yml."""
    folder = result.raw_path.parent
    return tuple(display(folder / name) for name in (RAW_NAME, META_NAME, CORRECTIONS_NAME))
