"""Benchmark the number extractor: dev-set value F1 and throughput, against quantulum3.

Run from the repository root::

    PYTHONHASHSEED=0 .venv/bin/python bench/extract.py > bench/extract-results.txt

What it does, in one run:

1. Scores ``find_quantities`` (the number layer every claim comes from) on each
   file of the dev sets (``--eval-dir``, default ``../shared/eval``) with the
   convention of that folder's README: within a sentence predicted and expected
   values are matched one to one, equal when their relative difference is at most
   1e-6, a range only with a range on both ends. Every number returned in the
   role "quantity" is a prediction; years, dates, times of day, ordinals and list
   numbers are context, not amounts, so they are left out. Some sets annotate
   years as numbers, so a second column ("incl. years") credits the years and
   dates the extractor found as context: after the quantities are matched, an
   expected value still unmatched may be matched by a year or date found in the
   same sentence (a true positive, counted as a prediction); a year or date
   matching nothing is not counted, since the extractor never offers it as an
   amount. A conversion ("70,000 yuan
   ($11,300)") counts as its two values. On files whose ``scope`` is
   one kind (currency, dimension...) the annotation covers that kind only, so
   precision there is a lower bound for both tools.
2. Runs quantulum3 (the ``bench`` extra) on the same sentences in a subprocess with
   ``PYTHONHASHSEED`` pinned (its output depends on it); a quantulum3 value with an
   uncertainty is read as the range value ± uncertainty.
3. Throughput on the news corpus (``--corpus``): ``factcheck.extract.extract_claims``
   (falling back to ``find_quantities`` when the claim layer is missing; the output
   says which) over every article in one process after a warm-up call, start-up
   (import, and import + first call) measured apart in a fresh interpreter;
   quantulum3 on every ``--every``-th article in the pinned subprocess, and our
   extractor on that same sample, for the speed ratio.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

from machine import machine  # bench/ is on sys.path when a script runs

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

WARM_UP = (
    "Police detained 1,094 people and rescued 382 infants, officials said on Tuesday; "
    "about 70,000 yuan ($11,300) was paid in 2013 for a boy aged 10 days."
)
NOT_AMOUNTS = frozenset({"ordinal", "date", "time_of_day", "year", "list_number"})
"""Roles the extractor reports as context, not as amounts (not scored by default)."""
CREDITED_CONTEXT = frozenset({"year", "date"})
"""Context roles credited when they match an expected value (the "incl. years" column)."""
Pred = tuple[str, float, float]  # ("value", v, v) or ("range", low, high)
Found = list[Pred] | tuple[list[Pred], list[Pred]]  # predictions, or (predictions, context)


# --- scoring ---------------------------------------------------------------


def _close(a: float, b: float) -> bool:
    if a == b:
        return True
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b))


def _expected(item: dict) -> list[Pred]:
    out: list[Pred] = []
    for e in item["expected"]:
        if e.get("unit_only"):
            continue
        if e.get("low") is not None and e.get("high") is not None:
            out.append(("range", float(e["low"]), float(e["high"])))
        elif e.get("value") is not None:
            out.append(("value", float(e["value"]), float(e["value"])))
    return out


def _matches(p: Pred, e: Pred) -> bool:
    return p[0] == e[0] and _close(p[1], e[1]) and _close(p[2], e[2])


def misses(predicted: list[Pred], expected: list[Pred]) -> tuple[list[Pred], list[Pred]]:
    """(expected values not found, predicted values not expected) in one sentence."""
    left = list(predicted)
    missed: list[Pred] = []
    for e in expected:
        k = next((k for k, p in enumerate(left) if _matches(p, e)), None)
        if k is None:
            missed.append(e)
        else:
            del left[k]
    return missed, left


def score(pairs: list[tuple[Found, list[Pred]]]) -> tuple[int, int, int]:
    """(true positives, predicted, expected) over (found, expected) sentence pairs.

    ``found`` is the list of predictions, or (predictions, context): context values
    only fill expected values the predictions left unmatched, and count as
    predictions only then (see the module docstring).
    """
    tp = n_pred = n_exp = 0
    for found, expected in pairs:
        predicted, context = found if isinstance(found, tuple) else (found, [])
        missed, _ = misses(predicted, expected)
        still_missed, _ = misses(context, missed)
        tp += len(expected) - len(still_missed)
        n_pred += len(predicted) + len(missed) - len(still_missed)
        n_exp += len(expected)
    return tp, n_pred, n_exp


def print_misses(fn, sets: dict[str, list[dict]], which: str) -> None:
    """Each sentence of the sets named by ``which`` ("all" or a substring) that is not perfect.

    Scored as the "incl. years" column: a year or date found as context that fills
    an expected value is not a miss.
    """
    for name, items in sets.items():
        if which != "all" and which not in name:
            continue
        print(f"### misses in {name}")
        for it in items:
            found = fn(it["text"])
            predicted, context = found if isinstance(found, tuple) else (found, [])
            missed, extra = misses(predicted, _expected(it))
            missed, _ = misses(context, missed)
            if missed or extra:
                print(f"- {it['id']}: {it['text']!r}")
                print(f"    missed: {missed}  extra: {extra}")
        print()


def prf(tp: int, n_pred: int, n_exp: int) -> tuple[float, float, float]:
    p = 100 * tp / n_pred if n_pred else 0.0
    r = 100 * tp / n_exp if n_exp else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def ours(text: str) -> list[Pred]:
    """Our predictions: every quantity (and conversion) in the role "quantity"."""
    return ours_with_context(text)[0]


def ours_with_context(text: str) -> tuple[list[Pred], list[Pred]]:
    """(predictions, years and dates found as context) in ``text``."""
    from factcheck.extract.quantities import find_quantities

    out: list[Pred] = []
    context: list[Pred] = []
    for q in find_quantities(text):
        if q.role in CREDITED_CONTEXT:
            context.append(("value", q.value, q.value))
        if q.role in NOT_AMOUNTS:
            continue
        if q.qualifier == "range" and q.low is not None and q.high is not None:
            out.append(("range", q.low, q.high))
        else:
            out.append(("value", q.value, q.value))
        if q.conversion is not None:
            out.append(("value", q.conversion.value, q.conversion.value))
    return out, context


def quantulum(text: str) -> list[Pred]:
    from quantulum3 import parser

    out: list[Pred] = []
    for q in parser.parse(text):
        v = float(q.value)
        if q.uncertainty:
            out.append(("range", v - float(q.uncertainty), v + float(q.uncertainty)))
        else:
            out.append(("value", v, v))
    return out


def load_eval(eval_dir: Path) -> dict[str, list[dict]]:
    return {
        f.name: [json.loads(line) for line in f.open(encoding="utf-8") if line.strip()]
        for f in sorted(eval_dir.glob("*.jsonl"))
    }


def run_eval(fn, sets: dict[str, list[dict]]) -> dict[str, dict]:
    """Score ``fn`` on every file; also time it over the file after a warm-up."""
    out = {}
    for name, items in sets.items():
        fn(items[0]["text"])
        t = time.perf_counter()
        preds = [fn(it["text"]) for it in items]
        secs = time.perf_counter() - t
        pairs = [(p, _expected(it)) for p, it in zip(preds, items, strict=True)]
        tp, n_pred, n_exp = score(pairs)
        out[name] = {"tp": tp, "pred": n_pred, "exp": n_exp, "secs": secs, "n": len(items)}
    return out


# --- corpus ----------------------------------------------------------------


def load_corpus(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def startup_seconds(code: str, env: dict[str, str] | None = None) -> float:
    """Wall time of ``code`` in a fresh interpreter (imports, first call)."""
    prog = f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
    res = subprocess.run(
        [sys.executable, "-c", prog], capture_output=True, text=True, cwd=REPO, env=env, check=True
    )
    return float(res.stdout.strip().splitlines()[-1])


def throughput(fn, texts: list[str]) -> dict:
    """Seconds, MB/s and items/s of ``fn`` over ``texts`` (after a warm-up call).

    An article on which ``fn`` raises is counted (and the first error kept) rather
    than stopping the run: the figure then says how many failed.
    """
    fn(WARM_UP)  # lazy loads (dictionaries, caches) belong to start-up, not throughput
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    items = errors = 0
    first_error = ""
    t = time.perf_counter()
    for text in texts:
        try:
            items += len(fn(text))
        except Exception as exc:  # a benchmark reports failures, it does not stop
            errors += 1
            first_error = first_error or f"{type(exc).__name__}: {exc}"
    secs = time.perf_counter() - t
    return {
        "secs": secs,
        "mb": n_bytes / 1e6,
        "mb_s": n_bytes / 1e6 / secs,
        "items": items,
        "items_s": items / secs,
        "articles": len(texts),
        "errors": errors,
        "first_error": first_error,
    }


def claim_function():
    """(name, function) of the claim extractor, or of the number layer as a fallback."""
    try:
        from factcheck.extract import extract_claims

        return "factcheck.extract.extract_claims", extract_claims
    except ImportError:
        from factcheck.extract.quantities import find_quantities

        return "factcheck.extract.quantities.find_quantities (extract_claims missing)", (
            find_quantities
        )


# --- the quantulum3 worker (runs with PYTHONHASHSEED pinned) ----------------


def worker(args: argparse.Namespace) -> None:
    """Print quantulum3's dev-set scores and sample throughput as JSON."""
    from quantulum3 import parser

    sets = load_eval(args.eval_dir)
    texts = load_corpus(args.corpus)[:: args.every]
    result = {"eval": run_eval(quantulum, sets), "corpus": throughput(parser.parse, texts)}
    print(json.dumps(result))


def run_worker(args: argparse.Namespace, seed: str) -> dict:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    cmd = [sys.executable, __file__, "--worker", "--eval-dir", str(args.eval_dir)]
    cmd += ["--corpus", str(args.corpus), "--every", str(args.every)]
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


# --- report ----------------------------------------------------------------


def print_eval(mine: dict, theirs: dict | None, with_years: dict | None = None) -> None:
    head = "| dev set | sentences | expected | ours P | ours R | ours F1 |"
    rule = "|---|---:|---:|---:|---:|---:|"
    if with_years:
        head += " ours F1 incl. years |"
        rule += "---:|"
    if theirs:
        head += " quantulum3 P | quantulum3 R | quantulum3 F1 | ΔF1 |"
        rule += "---:|---:|---:|---:|"
    print(head)
    print(rule)
    for name, m in mine.items():
        p, r, f = prf(m["tp"], m["pred"], m["exp"])
        row = f"| {name} | {m['n']} | {m['exp']} | {p:.1f} | {r:.1f} | **{f:.1f}** |"
        if with_years:
            y = with_years[name]
            row += f" {prf(y['tp'], y['pred'], y['exp'])[2]:.1f} |"
        if theirs:
            t = theirs[name]
            qp, qr, qf = prf(t["tp"], t["pred"], t["exp"])
            row += f" {qp:.1f} | {qr:.1f} | {qf:.1f} | {f - qf:+.1f} |"
        print(row)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared" / "eval")
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared/corpus/news-21k.jsonl.gz")
    ap.add_argument("--every", type=int, default=100, help="quantulum3 sample: every Nth article")
    ap.add_argument("--seed", default="0", help="PYTHONHASHSEED for the quantulum3 run")
    ap.add_argument("--no-quantulum", action="store_true", help="skip quantulum3 (quick runs)")
    ap.add_argument("--no-corpus", action="store_true", help="skip the throughput part")
    ap.add_argument(
        "--misses",
        metavar="SET",
        help='print the imperfect sentences of the sets whose name contains SET ("all")',
    )
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return

    print(f"command: {shlex.join([sys.executable, *sys.argv])}")
    print(f"PYTHONHASHSEED (this process): {os.environ.get('PYTHONHASHSEED', 'unset')}")
    print(f"machine: {machine()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"load average at start (the machine may be shared): {os.getloadavg()}")
    q3 = None
    if not args.no_quantulum:
        from importlib.metadata import version

        print(f"quantulum3 {version('quantulum3')}, run with PYTHONHASHSEED={args.seed}")
        q3 = run_worker(args, args.seed)
    print()
    print("## Dev-set value precision / recall / F1 (find_quantities vs quantulum3)")
    print()
    sets = load_eval(args.eval_dir)
    with_years = run_eval(ours_with_context, sets)
    print_eval(run_eval(ours, sets), q3["eval"] if q3 else None, with_years)
    if args.misses:
        print()
        print_misses(ours_with_context, sets, args.misses)
    if args.no_corpus:
        return

    print()
    print(f"## Throughput on {args.corpus.name}, one process")
    print()
    name, fn = claim_function()
    texts = load_corpus(args.corpus)
    short = "extract_claims" if "extract_claims" in name else "find_quantities"
    module = "factcheck.extract" if "extract_claims" in name else "factcheck.extract.quantities"
    ours_import = startup_seconds(f"import {module}")
    ours_start = startup_seconds(f"from {module} import {short}; {short}({WARM_UP!r})")
    full = throughput(fn, texts)
    sample = texts[:: args.every]
    ours_sample = throughput(fn, sample)
    unit = "claims" if "extract_claims" in name else "quantities"
    print(f"measured: {name}")
    print(
        f"start-up (fresh interpreter): import {ours_import:.2f} s; "
        f"import + first call {ours_start:.2f} s"
    )
    print()
    print("| extractor | articles | MB | seconds | MB/s | items | items/s | articles raising |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    errors: list[str] = []

    def row(label: str, t: dict, what: str) -> None:
        print(
            f"| {label} | {t['articles']} | {t['mb']:.2f} | {t['secs']:.2f} | {t['mb_s']:.3f} "
            f"| {t['items']} {what} | {t['items_s']:.0f} | {t['errors']} |"
        )
        if t["errors"]:
            errors.append(f"{label}: {t['errors']} articles raised, first: {t['first_error']}")

    row(f"ours ({short}), whole corpus", full, unit)
    row(f"ours ({short}), every {args.every}th article", ours_sample, unit)
    layer_sample = None
    if "extract_claims" in name:
        from factcheck.extract.quantities import find_quantities

        layer = throughput(find_quantities, texts)
        layer_sample = throughput(find_quantities, sample)
        row("ours (find_quantities only), whole corpus", layer, "quantities")
        row(
            f"ours (find_quantities only), every {args.every}th article", layer_sample, "quantities"
        )
    if q3:
        env = dict(os.environ, PYTHONHASHSEED=args.seed)
        q3_start = startup_seconds(f"from quantulum3 import parser; parser.parse({WARM_UP!r})", env)
        row(f"quantulum3, every {args.every}th article", q3["corpus"], "quantities")
        print()
        print(f"quantulum3 start-up (import + first parse, fresh interpreter): {q3_start:.2f} s")
        ratio = ours_sample["mb_s"] / q3["corpus"]["mb_s"]
        ratio_full = full["mb_s"] / q3["corpus"]["mb_s"]
        print(f"speed ratio on the same sample (ours / quantulum3, MB/s): {ratio:.0f}x")
        print(f"speed ratio, our whole-corpus rate / quantulum3 sample rate: {ratio_full:.0f}x")
        if layer_sample is not None:
            ratio_layer = layer_sample["mb_s"] / q3["corpus"]["mb_s"]
            print(f"speed ratio of the number layer alone on the same sample: {ratio_layer:.0f}x")
    for line in errors:
        print(f"errors: {line}")
    print(f"load average at end: {os.getloadavg()}")
    if not math.isfinite(full["mb_s"]):
        sys.exit(1)


if __name__ == "__main__":
    main()
