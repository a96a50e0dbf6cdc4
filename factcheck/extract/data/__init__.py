"""Bundled data tables of the extractor (the gazetteer and its build script)."""
