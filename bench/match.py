"""Matcher benchmark: grouping time and peak memory on synthetic registries.

Generates realistic registries (many events, several sources per event reporting
overlapping figures with hedges, rival figures and updates, shared provinces and
officials across events, unrelated noise claims) of 10k, 100k and 1M claims, then
runs ``match_registry`` on each in a fresh process and reports wall time, peak
RSS and the growth exponent between sizes.

    .venv/bin/python bench/match.py                 # 10k, 100k, 1M
    .venv/bin/python bench/match.py --sizes 10000 100000

Registries are cached in --workdir (default /tmp/factcheck-bench-match) so a
re-run only re-matches. They are written straight into the registry schema with
executemany in large batches; the FTS triggers are dropped in these files since
the matcher never reads the full-text index.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from machine import machine  # bench/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.registry import claim_id, connect  # noqa: E402

EVENT_TYPES = ("earthquake", "flood", "fire", "raid", "bus crash", "landslide", "storm")
# (kind, unit, counted, predicate, sentence template, typical size)
QUANTITIES = (
    (
        "count",
        None,
        "person",
        "kill",
        "The {etype} in {town} killed {fig} people, {official} said.",
        60,
    ),
    ("count", None, "person", "injure", "{fig} people were injured in {town}, {province}.", 300),
    ("count", None, "person", "arrest", "Police in {province} arrested {fig} suspects.", 150),
    (
        "count",
        None,
        "home",
        "destroy",
        "{fig} homes were destroyed, {official} told reporters.",
        900,
    ),
    ("count", None, "infant", "rescue", "Police rescued {fig} infants in {town}.", 80),
    (
        "count",
        None,
        "person",
        "evacuate",
        "{fig} residents were evacuated from {town} on {day}.",
        4000,
    ),
    ("money", "USD", "damage", None, "Damage in {province} was estimated at ${fig}.", 2_000_000),
    (
        "measure",
        "magnitude",
        "earthquake",
        "strike",
        "A magnitude {fig} quake struck {town} on {day}.",
        6,
    ),
)
_NOISE_TEXT = """school vehicle bridge shelter truck hospital road camp volunteer doctor boat tent
village district team officer aircraft pump generator well clinic kitchen"""
NOISE_NOUNS = tuple(_NOISE_TEXT.split())
_SYLLABLES_TEXT = "ka lo mi ra su ten bo vi na de zu pe ha li mo ga ru si ta fe"
NOISE_VERBS = ("send", "open", "close", "deploy", "repair", "build", None)


def _names(rng: random.Random, n: int, parts: int) -> list[str]:
    """``n`` distinct made-up names (4 syllables per word: 160,000 possible words)."""
    syll = _SYLLABLES_TEXT.split()
    out: set[str] = set()
    while len(out) < n:
        out.add(" ".join("".join(rng.choice(syll) for _ in range(4)).title() for _ in range(parts)))
    return sorted(out)


def _figure(rng: random.Random, typical: float, kind: str) -> float:
    if kind == "measure":
        return round(rng.uniform(4.0, 8.0), 1)
    return float(max(3, int(rng.lognormvariate(math.log(typical), 1.0))))


def _variant(
    rng: random.Random, true: float, kind: str
) -> tuple[float, float | None, float | None, str, int]:
    """How one source states the event's figure: mostly the same, sometimes hedged or off."""
    r = rng.random()
    if kind == "measure" or r < 0.72:
        return true, true, true, "exact", 1
    if r < 0.84:
        base = float(10 ** int(math.log10(true))) * int(true / 10 ** int(math.log10(true)))
        return base, base, None, "at_least", 0
    if r < 0.90:
        return true, true * 0.9, true * 1.1, "approx", 1
    if r < 0.96:
        off = float(max(1, round(true * rng.uniform(0.7, 1.3))))
        return off, off, off, "exact", 1
    return float(round(true, -1) or true), None, None, "rounded", 1


def generate(path: Path, n_claims: int, seed: int = 7) -> None:
    """Write a registry of about ``n_claims`` claims to ``path``."""
    rng = random.Random(seed)
    if path.exists():
        path.unlink()
    db = connect(path)
    for trig in ("claims_ai", "claims_ad", "claims_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {trig}")
    provinces = _names(rng, 300, 1)
    towns = _names(rng, 20_000, 1)
    officials = _names(rng, 8_000, 2)
    # unrelated asides ("12 generators were sent"): many different things, so two
    # reports of one event rarely count the same side thing
    noise_nouns = [f"{noun} {w.lower()}" for noun in NOISE_NOUNS for w in _names(rng, 150, 1)]
    source_rows, claim_rows = [], []
    claims_made = 0
    ev = 0
    with db.conn:
        while claims_made < n_claims:
            ev += 1
            etype = rng.choice(EVENT_TYPES)
            province, town = rng.choice(provinces), rng.choice(towns)
            official = rng.choice(officials)
            day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            quantities = rng.sample(QUANTITIES, rng.randint(3, 6))
            truths = [_figure(rng, q[5], q[0]) for q in quantities]
            for s in range(max(1, min(30, int(rng.expovariate(1 / 6)) + 1))):
                sid = hashlib.sha256(f"{seed}:{ev}:{s}".encode()).hexdigest()
                published = f"{day}T{rng.randint(0, 23):02d}:00"
                offset, rows = 0, []
                picked = [i for i in range(len(quantities)) if rng.random() < 0.8] or [0]
                for i in picked:
                    kind, unit, counted, pred, template, _ = quantities[i]
                    value, low, high, qual, _ = _variant(rng, truths[i], kind)
                    fig = f"{value:,.0f}" if kind != "measure" else f"{value:.1f}"
                    sentence = template.format(
                        etype=etype,
                        town=town,
                        province=province,
                        official=official,
                        fig=fig,
                        day=day,
                    )
                    at = sentence.index(fig)
                    rows.append(
                        (
                            kind,
                            unit,
                            counted,
                            pred,
                            value,
                            low,
                            high,
                            qual,
                            sentence,
                            at,
                            fig,
                            {
                                "places": [town, province],
                                "dates": [day] if "{day}" in template else [],
                                "years": [],
                            },
                        )
                    )
                for _ in range(rng.randint(1, 3)):
                    noun, verb = rng.choice(noise_nouns), rng.choice(NOISE_VERBS)
                    value = float(rng.randint(2, 400))
                    fig = f"{value:,.0f}"
                    sentence = f"Officials said {fig} {noun}s were involved."
                    rows.append(
                        (
                            "count",
                            None,
                            noun,
                            verb,
                            value,
                            value,
                            value,
                            "exact",
                            sentence,
                            sentence.index(fig),
                            fig,
                            {"places": [], "dates": [], "years": []},
                        )
                    )
                for (
                    kind,
                    unit,
                    counted,
                    pred,
                    value,
                    low,
                    high,
                    qual,
                    sentence,
                    at,
                    fig,
                    ctx,
                ) in rows:
                    start = offset + at
                    claim_rows.append(
                        (
                            claim_id(sid, start, start + len(fig)),
                            sid,
                            start,
                            start + len(fig),
                            offset,
                            offset + len(sentence),
                            fig,
                            sentence,
                            value,
                            low,
                            high,
                            1,
                            0 if qual == "at_least" else 1,
                            qual,
                            None,
                            kind,
                            unit,
                            counted,
                            pred,
                            None,
                            json.dumps(ctx),
                        )
                    )
                    offset += len(sentence) + 1
                claims_made += len(rows)
                source_rows.append(
                    (
                        sid,
                        f"bench/{ev}/{s}.txt",
                        f"{etype.title()} in {town}",
                        None,
                        published,
                        offset,
                        "2026-01-01T00:00:00",
                        1,
                        None,
                        "[]",
                        "",
                    )
                )
            if len(claim_rows) >= 200_000:
                _flush(db, source_rows, claim_rows)
        _flush(db, source_rows, claim_rows)
    db.conn.close()


def _flush(db, source_rows: list, claim_rows: list) -> None:
    db.conn.executemany("INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?)", source_rows)
    db.conn.executemany(
        "INSERT OR IGNORE INTO claims (id, source_id, start, end, sentence_start, sentence_end, "
        "text, sentence, value, low, high, low_inclusive, high_inclusive, qualifier, precision, "
        "kind, unit, counted, predicate, conversion, context) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        claim_rows,
    )
    source_rows.clear()
    claim_rows.clear()


def worker(path: Path) -> None:
    """Match one registry in this fresh process; print JSON with time and peak memory."""
    from factcheck.match import match_registry

    db = connect(path)
    db.execute("DELETE FROM group_claims")
    db.execute("DELETE FROM groups")
    db.conn.commit()
    n = db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
    started, cpu_started = time.perf_counter(), _cpu()
    report = match_registry(db)
    seconds = time.perf_counter() - started
    cpu_seconds = _cpu() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "claims": n,
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
                "peak_mb": peak_mb,
                "child_peak_mb": child_peak_mb,
                "groups": report.groups,
                "by_verdict": report.by_verdict,
                "grouped": report.claims_grouped,
                "phases": report.phases,
            }
        )
    )


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the matcher loads and
    judges in worker processes on a large registry)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def calibration() -> str:
    """How fast this interpreter runs right now (the machine is shared): a plain loop."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    seconds = time.perf_counter() - started
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"10M-iteration Python loop {seconds:.2f}s; load average {load}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/factcheck-bench-match"))
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"machine: {machine()}")
    print(f"calibration: {calibration()}")
    print(
        f"{'claims':>10} {'generate s':>11} {'match s':>9} {'cpu s':>7} {'peak MB':>8} "
        f"{'groups':>8} {'conflicts':>9} {'exponent':>8}  load/match/write s, largest worker MB"
    )
    previous = None
    for size in args.sizes:
        path = args.workdir / f"registry-{size}.db"
        gen = 0.0
        if args.regenerate or not path.exists():
            t = time.perf_counter()
            generate(path, size)
            gen = time.perf_counter() - t
        out = subprocess.run(
            [sys.executable, __file__, "--worker", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        exponent = ""
        if previous:
            growth = math.log(r["seconds"] / previous["seconds"])
            exponent = f"{growth / math.log(r['claims'] / previous['claims']):.2f}"
        print(
            f"{r['claims']:>10,} {gen:>11.1f} {r['seconds']:>9.2f} {r['cpu_seconds']:>7.2f} "
            f"{r['peak_mb']:>8.0f} "
            f"{r['groups']:>8,} {r['by_verdict'].get('conflict', 0):>9,} {exponent:>8}  "
            + "/".join(f"{s:.1f}" for s in r["phases"].values())
            + f", {r['child_peak_mb']:.0f}",
            flush=True,
        )
        previous = r
    print(f"calibration after: {calibration()}")


if __name__ == "__main__":
    main()
