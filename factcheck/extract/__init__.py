"""Numeric claim extraction: pure functions from article text to claims.

``find_quantities`` finds every numeral (the number parser), ``sentence_spans``
splits sentences, and ``extract_claims`` turns the quantities of an article body
into claims with their counted thing, predicate and time/place context.
"""

from factcheck.extract.claims import extract_claims
from factcheck.extract.quantities import find_quantities
from factcheck.extract.sentences import sentence_spans

__all__ = ["extract_claims", "find_quantities", "sentence_spans"]
