"""Reading article files from disk: the one place bytes become text.

Every way a user's file can be unusable (missing, a folder, unreadable,
empty, binary, not valid text) becomes an :class:`IngestError` whose message is
the one-line reason shown to the user; nothing here raises anything else for a
user mistake.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = (".txt",)
BINARY_SNIFF = 8192  # bytes looked at to tell text from binary


class IngestError(Exception):
    """A file that cannot be ingested; ``str(exc)`` is the reason for the user."""


@dataclass(frozen=True, slots=True)
class ArticleFile:
    path: str
    sha256: str
    size: int
    text: str


def display_path(path: Path) -> str:
    """The path as stored: relative to the working directory when inside it."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(resolved)


def expand(paths: list[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to read from the given files and folders (recursively, ``*.txt``), and errors.

    A file named explicitly is read whatever its suffix; a folder contributes
    its ``.txt`` files in a stable (sorted) order.
    """
    files: list[Path] = []
    errors: list[tuple[str, str]] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if (p.is_file() or p.is_symlink()) and p.suffix.lower() in ARTICLE_SUFFIXES
            )
            if not found:
                errors.append((raw, "folder contains no .txt articles"))
            candidates = found
        elif path.exists() or path.is_symlink():
            candidates = [path]
        else:
            errors.append((raw, "no such file or directory"))
            continue
        for p in candidates:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                files.append(p)
    return files, errors


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"not valid UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def read_article(path: Path) -> ArticleFile:
    """Read and decode one article, or raise :class:`IngestError` with the reason."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError("no such file or directory") from None
    except IsADirectoryError:
        raise IngestError("is a directory") from None
    except PermissionError:
        raise IngestError("permission denied") from None
    except OSError as exc:
        raise IngestError(f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise IngestError("file is empty")
    head = data[:BINARY_SNIFF]
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in head:
        raise IngestError("binary file, not text")
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for ch in text[:BINARY_SNIFF] if ord(ch) < 32 and ch not in "\n\t\f")
    if controls > max(8, len(text[:BINARY_SNIFF]) // 100):
        raise IngestError("binary file, not text")
    if not text.strip():
        raise IngestError("file is empty")
    return ArticleFile(
        path=display_path(path),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        text=text,
    )
