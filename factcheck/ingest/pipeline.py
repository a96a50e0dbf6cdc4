"""Ingest: files → article text → claims → registry, one transaction per source.

Reading and storing happen here, in the calling process; the text work in
between (:func:`analyse`) is pure, so with ``jobs > 1`` it runs in worker
processes. A file that fails is reported and skipped; the others go on, and a
source is either stored whole with its claims or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date

from ..extract import extract_claims
from ..models import Claim
from ..registry import Registry, SourceRecord
from .body import article_regions
from .metadata import ArticleMeta, read_metadata
from .reader import ArticleFile, IngestError, expand, read_article


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did; ``errors`` holds (path, reason) per failed input."""

    read: int = 0
    added: int = 0
    unchanged: int = 0
    claims: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.read} sources read ({self.added} new, {self.unchanged} unchanged), "
            f"{self.claims} claims found, {len(self.errors)} errors"
        )


@dataclass(frozen=True, slots=True)
class Analysis:
    regions: list[tuple[int, int]]
    meta: ArticleMeta
    claims: list[Claim]


def published_date(published: str | None) -> date | None:
    """The date part of a stored ISO date/datetime, for resolving "last month"."""
    return date.fromisoformat(published[:10]) if published else None


def analyse(text: str) -> Analysis:
    """Body regions, metadata and claims of one article's text (pure)."""
    regions = article_regions(text)
    meta = read_metadata(text, regions)
    claims = extract_claims(text, published=published_date(meta.published), regions=regions)
    return Analysis(regions, meta, claims)


def _analysed(articles: list[ArticleFile], jobs: int) -> Iterator[tuple[ArticleFile, Analysis]]:
    if jobs <= 1 or len(articles) < 2:
        for article in articles:
            yield article, analyse(article.text)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = max(1, len(articles) // (jobs * 8))
        yield from zip(
            articles, pool.map(analyse, [a.text for a in articles], chunksize=chunk), strict=True
        )


def ingest_paths(
    registry: Registry,
    paths: Iterable[str],
    *,
    jobs: int = 1,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[str], None] | None = None,
    on_error: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into ``registry``.

    ``on_start`` receives the number of input files once they are known;
    ``on_file`` is called once per input file as it is finished (for a progress
    bar); ``on_error`` once per failed input with the one-line reason. Unchanged
    content is recognised by its sha256 and left alone.
    """
    report = IngestReport()

    def fail(path: str, reason: str) -> None:
        report.errors.append((path, reason))
        if on_error:
            on_error(path, reason)

    files, missing = expand(list(paths))
    for path, reason in missing:
        fail(path, reason)
    if on_start:
        on_start(len(files))
    fresh: list[ArticleFile] = []
    fresh_ids: set[str] = set()
    for path in files:
        try:
            article = read_article(path)
        except IngestError as exc:
            fail(str(path), str(exc))
            if on_file:
                on_file(str(path))
            continue
        report.read += 1
        # the same content twice (a copy under another name) is one source
        if article.sha256 in fresh_ids or registry.has_source(article.sha256):
            report.unchanged += 1
            if on_file:
                on_file(article.path)
        else:
            fresh.append(article)
            fresh_ids.add(article.sha256)
    for article, analysis in _analysed(fresh, jobs):
        record = SourceRecord(
            id=article.sha256,
            path=article.path,
            title=analysis.meta.title,
            outlet=analysis.meta.outlet,
            published=analysis.meta.published,
            size=article.size,
            text=article.text,
            regions=analysis.regions,
        )
        try:
            report.claims += registry.add_source(record, analysis.claims)
        except sqlite3.Error as exc:  # the transaction rolled back: nothing half-written
            fail(article.path, f"could not be stored in the registry ({exc})")
        else:
            report.added += 1
        if on_file:
            on_file(article.path)
    return report
