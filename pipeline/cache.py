"""What a build computed, kept between builds by content hash, so a rebuild redoes only what changed.

`build --cache DIR` (`make site`: .cache/build/) keeps each notice's parse result and the search index's
shards (and, in DIR/jinja/, Jinja2's compiled templates: site/pelican.py).  A value is filed under the SHA-256 of everything it was computed from and of the pipeline's own
source and Python version (`code_stamp`): a changed input, parser or interpreter is a miss, never a stale
hit, so a build from the cache is byte-identical to one without (tests/test_build_cache.py).  Entries are
pickles written atomically; one that cannot be read is a miss.  After a build, `prune` drops the entries
of each kind the build did not use, so the folder holds one build's worth.  Imports nothing of the pipeline:
any stage may use it.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Iterable

PIPELINE = Path(__file__).resolve().parent
MISSING = object()


@functools.cache
def code_stamp() -> str:
    """The pipeline's source files and the Python version, hashed: what every key depends on."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(PIPELINE.rglob("*.py")):
        digest.update(path.relative_to(PIPELINE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def content_key(*parts: bytes | str) -> str:
    """The hash of the parts (each length-prefixed, so no two lists of parts collide) and the code stamp."""
    return content_key_of(parts)


def content_key_of(parts: Iterable[bytes | str]) -> str:
    """content_key of the parts a generator yields, one at a time (the search index hashes its documents'
    text this way: as one string it would be 60 MB at 10,000 issues)."""
    digest = hashlib.sha256(code_stamp().encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class BuildCache:
    """Values by kind and key in `folder`; with no folder, every lookup misses and nothing is kept."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: dict[str, set[str]] = {}  # kind → the keys this build looked up or filed (prune keeps them)

    def get(self, kind: str, key: str):
        """The value filed under `key`, or MISSING."""
        self.used.setdefault(kind, set()).add(key)
        if self.folder is None:
            return MISSING
        try:
            with (self.folder / kind / key).open("rb") as handle:  # read as unpickled: no second copy in memory
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError):
            return MISSING

    def put(self, kind: str, key: str, value) -> None:
        self.used.setdefault(kind, set()).add(key)
        if self.folder is None:
            return
        target = self.folder / kind / key
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{key}.{os.getpid()}.partial")
        with partial.open("wb") as handle:  # written as pickled: no second copy in memory
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, target)

    def prune(self) -> None:
        """Drop the entries of each kind used in this build that this build did not use."""
        if self.folder is None:
            return
        for kind, keys in self.used.items():
            for path in (self.folder / kind).glob("*"):
                if path.name not in keys:
                    path.unlink(missing_ok=True)
