"""factcheck: claim-level fact-checking for numbers in the news.

The command line is a thin layer over these functions; scripts use them directly::

    from factcheck import Registry, ingest_paths, match_registry, group_records

Names are imported on first use (PEP 562), so ``import factcheck`` stays cheap for
worker processes that only need the extractor.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# public name -> (module, attribute)
_EXPORTS: dict[str, tuple[str, str]] = {
    "Claim": ("models", "Claim"),
    "Conversion": ("models", "Conversion"),
    "Mention": ("models", "Mention"),
    "Quantity": ("models", "Quantity"),
    "Registry": ("registry", "Registry"),
    "RegistryError": ("registry", "RegistryError"),
    "extract_claims": ("extract", "extract_claims"),
    "find_quantities": ("extract", "find_quantities"),
    "ingest_paths": ("ingest", "ingest_paths"),
    "match_registry": ("match", "match_registry"),
    "group_records": ("conflicts", "group_records"),
    "DECISIONS": ("review", "DECISIONS"),
    "record_decision": ("review", "record"),
    "undo_last": ("review", "undo_last"),
    "history": ("review", "history"),
    "status_of": ("review", "status_of"),
    "statuses": ("review", "statuses"),
    "render_report": ("report", "render"),
}

# ``audit`` is also the name of a submodule: importing the submodule anywhere would
# rebind ``factcheck.audit`` to the module, so these two are bound eagerly instead.
from .audit import audit as audit  # noqa: E402
from .audit import verify as verify  # noqa: E402

__all__ = sorted([*_EXPORTS, "audit", "verify"])


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}") from None
    value = getattr(import_module(f".{module}", __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
