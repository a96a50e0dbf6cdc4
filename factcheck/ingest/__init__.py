"""Ingest: article files on disk → sources and claims in the registry."""

from .pipeline import IngestReport, analyse, ingest_paths
from .reader import IngestError

__all__ = ["IngestError", "IngestReport", "analyse", "ingest_paths"]
