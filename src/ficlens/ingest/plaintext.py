"""Plain-text fan fiction as scraped (like ../shared/seeds/*.txt)."""

from __future__ import annotations

import re
from pathlib import Path

from ficlens.document import Work, WorkMeta
from ficlens.ingest.build import RawChapter, build_work


def parse_plaintext(text: str, path: Path) -> Work:
    blocks = [b for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    return build_work(WorkMeta(title=path.stem, source_format="plaintext"), [RawChapter(paragraphs=blocks)])
