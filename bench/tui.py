"""How fast the review app is on a large registry: first paint and per-key latency.

Builds (once, cached at --db) a registry of 1M claims in 100k groups with bulk
inserts through the registry's own schema, then drives the queue through
Textual's ``run_test`` pilot and prints the timings with the machine and the
command, ready to paste into BENCHMARKS.md.

    .venv/bin/python bench/tui.py [--db /tmp/factcheck-bench-tui.db] [--groups 100000]

Targets (issue 4): first paint < 1 s, each key < 50 ms. After the app, a fixed
pure-Python workload is timed for a while (``--noise-seconds``): how much the machine
itself stretches work that never changes, next to the keys' worst presses.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import random
import sqlite3
import statistics
import sys
import threading
import time
from pathlib import Path

from machine import machine  # bench/ is on sys.path when a script runs

import factcheck.tui  # noqa: F401  (before Textual: it sets the app's frame rate, read on import)
from factcheck.registry import connect

WORDS = [
    "police",
    "rescued",
    "babies",
    "arrested",
    "suspects",
    "yuan",
    "province",
    "operation",
    "report",
    "girls",
    "boys",
]
PLACES = ["Henan", "Sichuan", "Yunnan", "Fujian", "Shaanxi", "Guangdong", "Hebei", "Anhui"]
VERDICTS = ["conflict"] * 20 + ["evolving"] * 5 + ["consistent"] * 75


def build(path: Path, n_groups: int, per_group: int, per_source: int, seed: int = 7) -> None:
    """Fill a fresh registry: sources, claims (FTS via the schema's triggers), groups, reviews."""
    rnd = random.Random(seed)
    db = connect(path)
    conn: sqlite3.Connection = db.conn
    conn.execute("PRAGMA synchronous = OFF")
    n_claims = n_groups * per_group
    n_sources = max(1, n_claims // per_source)
    with conn:
        conn.executemany(
            "INSERT INTO sources (id, path, title, outlet, published, size, ingested_at, "
            "version, regions, text) VALUES (?, ?, ?, ?, ?, ?, ?, 1, '[]', ?)",
            (
                (
                    f"s{i:08d}",
                    f"corpus/{i:08d}.txt",
                    f"{rnd.choice(PLACES)} report {i}",
                    rnd.choice(["Xinhua", "China Daily", "Global Times", "Beijing Times"]),
                    f"2014-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    0,
                    "2026-01-01T00:00:00+00:00",
                    "",
                )
                for i in range(n_sources)
            ),
        )

        def claims():
            for i in range(n_claims):
                value = float(rnd.randint(1, 5000))
                sentence = f"{' '.join(rnd.sample(WORDS, 6))} {int(value)} in {rnd.choice(PLACES)}."
                yield (
                    f"c{i:09d}",
                    f"s{i // per_source:08d}",
                    0,
                    len(str(int(value))),
                    0,
                    len(sentence),
                    str(int(value)),
                    sentence,
                    value,
                    value,
                    value,
                    rnd.choice(["exact", "exact", "approx", "at_least"]),
                    "count",
                    rnd.choice(WORDS),
                    "{}",
                )

        conn.executemany(
            "INSERT INTO claims (id, source_id, start, end, sentence_start, sentence_end, text, "
            "sentence, value, low, high, qualifier, kind, counted, context) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            claims(),
        )
        conn.executemany(
            "INSERT INTO groups (id, quantity, kind, unit, verdict, severity, confidence, "
            "explanation, signature, state, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, "
            "'active', '2026-01-01T00:00:00+00:00')",
            (
                (
                    f"g{i:08d}",
                    f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} in {rnd.choice(PLACES)}",
                    rnd.choice(["count", "count", "money", "percent"]),
                    rnd.choice(VERDICTS),
                    round(rnd.random(), 4),
                    round(rnd.random(), 3),
                    "generated",
                    f"sig{i}",
                )
                for i in range(n_groups)
            ),
        )
        conn.executemany(
            "INSERT INTO group_claims (group_id, claim_id, score, evidence) VALUES (?, ?, 1, ?)",
            (
                (f"g{i // per_group:08d}", f"c{i:09d}", json.dumps({"shared_figures": [1]}))
                for i in range(n_claims)
            ),
        )
        conn.executemany(
            "INSERT INTO reviews (group_id, claim_ids, decision, reviewer, created_at) "
            "VALUES (?, '[]', ?, 'bench', '2026-01-01T00:00:00+00:00')",
            (
                (f"g{rnd.randrange(n_groups):08d}", rnd.choice(["confirm_conflict", "split"]))
                for _ in range(n_groups // 20)
            ),
        )
    conn.close()


Span = tuple[float, float]
THINK_S = 3.0
"""A reviewer's pause before each kind of key (the app tidies its heap when idle)."""


Frame = tuple[float, float]  # perf_counter, thread_time: wall clock and the app thread's CPU


def _instrument() -> tuple[list[Frame], list[float], list[Span], list[Span]]:
    """Record when each frame is composed, when a page or group was shown, SQL spans and
    the app's garbage collections of the oldest generation (the long pauses).

    Wraps private methods (benchmark only): the pilot's own round trip waits for
    idle and is ~100 ms on this machine whatever the key, so latency is taken as
    key press -> first frame painted after the key's work is done. The reads of
    ``factcheck.tui.data`` are timed apart, to split each key into SQL and drawing.
    Before each key the app's background work is waited for (counts, the group the
    queue's cursor rests on drawn unseen), as a reviewer's reading time would.
    """
    from textual.screen import Screen

    from factcheck.tui import app as app_module
    from factcheck.tui import data
    from factcheck.tui.app import ReviewApp
    from factcheck.tui.screens.article import ArticleScreen
    from factcheck.tui.screens.group import GroupScreen
    from factcheck.tui.widgets.queue_table import QueueTable

    frames: list[Frame] = []
    loads: list[float] = []
    sql: list[Span] = []
    full_gc: list[Span] = []
    started = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        elif info["generation"] == 2:
            full_gc.append((started[0], time.perf_counter()))

    gc.callbacks.append(on_gc)
    compose, show, mount = Screen._compositor_refresh, QueueTable._show, GroupScreen.on_mount
    open_group = ReviewApp.open_group
    refills = {cls: cls.show for cls in (GroupScreen, ArticleScreen)}

    def timed_compose(self: Screen) -> None:
        compose(self)
        # Only the shown screen's frames: on Enter the queue paints an empty frame
        # (~0.2 ms) before the group screen's first, which took it for the group.
        if self is self.app.screen:
            frames.append((time.perf_counter(), time.thread_time()))

    def timed_show(self: QueueTable, *args: object) -> None:
        show(self, *args)
        loads.append(time.perf_counter())

    def timed_mount(self: GroupScreen) -> None:
        mount(self)
        loads.append(time.perf_counter())

    def timed_refill(cls):  # noqa: ANN001, ANN202
        def run(self, *args: object, **kwargs: object):  # noqa: ANN001, ANN202
            result = refills[cls](self, *args, **kwargs)
            if self.is_current:  # not the group drawn unseen while the queue's cursor rests
                loads.append(time.perf_counter())
            return result

        return run

    def timed_open(self: ReviewApp, group_id: str) -> None:
        # Enter on a group prepared unseen refills nothing: done once it is pushed.
        open_group(self, group_id)
        loads.append(time.perf_counter())

    def timed(read):  # noqa: ANN001, ANN202
        def run(*args: object, **kwargs: object):  # noqa: ANN202
            start = time.perf_counter()
            try:
                return read(*args, **kwargs)
            finally:  # reads on the UI thread only: a count in a worker thread blocks no key
                if threading.current_thread() is threading.main_thread():
                    sql.append((start, time.perf_counter()))

        return run

    Screen._compositor_refresh = timed_compose  # type: ignore[method-assign]
    QueueTable._show = timed_show  # type: ignore[method-assign]
    GroupScreen.on_mount = timed_mount  # type: ignore[method-assign]
    ReviewApp.open_group = timed_open  # type: ignore[method-assign]
    for cls in refills:  # a kept screen refilled: another group (a verdict key), an article
        cls.show = timed_refill(cls)  # type: ignore[method-assign]
    for name in ("fetch_page", "group_view", "counts"):
        wrapped = timed(getattr(data, name))
        for module in (data, app_module):  # the screens call data.<name>, the app its import
            if hasattr(module, name):
                setattr(module, name, wrapped)
    return frames, loads, sql, full_gc


def _latency(start: Frame, frames: list[Frame], loads: list[float]) -> tuple[float, float]:
    """Wall and app-thread CPU seconds from ``start`` to the first frame painted once the
    key's work was done (CPU: comparable on a machine shared with other work)."""
    ready = max([start[0], *[t for t in loads if t > start[0]]])
    painted = [f for f in frames if f[0] >= ready]
    end = painted[0] if painted else (ready, time.thread_time())
    return end[0] - start[0], end[1] - start[1]


def _spent(start: float, end: float, spans: list[Span]) -> float:
    return sum(b - a for a, b in spans if start <= a < end)


Timing = tuple[float, float, float, float]  # latency, app-thread CPU, SQL, full collections


async def measure(path: Path, repeats: int) -> dict[str, list[Timing]]:
    """(latency, CPU, SQL time, GC time) of first paint and of each key, through the pilot."""
    from textual import events
    from textual.worker import WorkerCancelled

    from factcheck.tui.app import ReviewApp  # after the build, which needs no Textual

    frames, loads, sql, full_gc = _instrument()
    timings: dict[str, list[Timing]] = {}

    def spent(start: Frame, latency: tuple[float, float]) -> Timing:
        end = start[0] + latency[0]
        return (*latency, _spent(start[0], end, sql), _spent(start[0], end, full_gc))

    async def step(label: str, *keys: str, moved: bool = False) -> None:
        """Time ``keys``; ``moved``: the cursor is moved down first and the keys follow
        as soon as its frame is painted, before the group under it is prepared (the
        pilot would wait for the app to go idle, ~100 ms here)."""
        with contextlib.suppress(WorkerCancelled):  # one a newer filter's count replaced
            await app.workers.wait_for_complete()  # background counts of the last filter
        if moved:
            row, painted = app.screen.current_group_id(), len(frames)
            send("down")
            while app.screen.current_group_id() == row or len(frames) == painted:
                await asyncio.sleep(0.001)
        start = (time.perf_counter(), time.thread_time())
        if moved:
            for key in keys:
                send(key)
        else:
            await pilot.press(*keys)
        await pilot.pause()
        timings.setdefault(label, []).append(spent(start, _latency(start, frames, loads)))

    def send(key: str) -> None:
        """``key`` as the terminal's driver hands it over (what the pilot does, unwaited)."""
        event = events.Key(key, "\r" if key == "enter" else None)
        event.set_sender(app)
        app._driver.send_message(event)

    t0 = (time.perf_counter(), time.thread_time())
    app = ReviewApp(str(path), reviewer="bench")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        timings["first paint (start app -> queue rows painted)"] = [
            spent(t0, _latency(t0, frames, loads))
        ]
        for label, key in [
            ("move down", "down"),
            ("page down (next SQL page)", "pagedown"),
            ("filter: cycle verdict", "v"),
            ("filter: cycle status", "t"),
        ]:
            await asyncio.sleep(THINK_S)
            for _ in range(repeats):
                await step(label, key)
        await asyncio.sleep(THINK_S)
        for _ in range(repeats):
            # The step waits for the app's background work: here the group the cursor
            # rests on, drawn unseen (``prepare_group``), as a reviewer reading the row.
            await step("open group (Enter -> group screen painted)", "enter")
            await step("back to the queue (Esc, page re-read)", "escape")
            await pilot.press("down")  # open another group next time
        await asyncio.sleep(THINK_S)
        for _ in range(repeats):  # no rest on the row: Enter as soon as the cursor moved
            await step("open group right after moving (not prepared)", "enter", moved=True)
            await pilot.press("escape")
        # On the group screen: the keys a reviewer presses there. Each approval is undone,
        # so the registry's open groups stay as they were (the reviews are appended).
        await pilot.press("enter")
        await asyncio.sleep(THINK_S)
        for _ in range(repeats):
            await step("group: next card (->)", "right")
            await step("group: open article (Enter on a card)", "enter")
            await step("article: back to the group (Esc)", "escape")
        await asyncio.sleep(THINK_S)
        for _ in range(repeats):
            await step("group: approve and advance (a)", "a")
            await step("group: undo (u)", "u")
        await pilot.press("escape")
        await typed(
            app,
            pilot,
            "slash",
            "#search",
            "search: figure + Enter",
            step,
            repeats,
            ["4321", "1234", "777", "2500", "42"],
        )
        await typed(
            app,
            pilot,
            "slash",
            "#search",
            "search: two common words + Enter",
            step,
            repeats,
            ["Henan police", "rescued babies", "Fujian yuan", "report girls"],
        )
        app.screen.query_one("#search").value = ""
        await pilot.press("enter", "escape")  # search cleared, back to the table
        # An outlet on a quarter of the sources, a place in an eighth of the titles, a rare title.
        await typed(
            app,
            pilot,
            "f",
            "#source",
            "source filter: name + Enter",
            step,
            repeats,
            ["Xinhua", "Henan", "report 1234", "Global", "report 77"],
        )
    return timings


async def typed(app, pilot, key, box, label, step, repeats, terms) -> None:  # noqa: ANN001
    """Focus ``box`` with ``key`` and time Enter after each term (typed into the box first)."""
    await asyncio.sleep(THINK_S)
    await pilot.press(key)
    field = app.screen.query_one(box)
    for term in terms * max(1, repeats // len(terms)):
        field.value = term  # as if typed: the box redraws before Enter is pressed
        await pilot.pause()
        await step(label, "enter")


def evict(path: Path) -> None:
    """Drop the registry's files from the OS's page cache (Linux; clean pages only)."""
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():
            fd = os.open(f"{path}{suffix}", os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def noise(seconds: float, pause: float = 0.02) -> list[float]:
    """Wall ms of one fixed pure-Python workload (~7 ms here), run again and again for
    ``seconds`` with a pause between, as keys come: how much this machine alone stretches
    a key's work that never changes (no I/O, no allocation to speak of)."""
    times = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        start = time.perf_counter()
        total = 0
        for i in range(60_000):
            total += i * i % 7
        times.append((time.perf_counter() - start) * 1000)
        time.sleep(pause)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/factcheck-bench-tui.db"))
    parser.add_argument("--groups", type=int, default=100_000)
    parser.add_argument("--per-group", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--noise-seconds",
        type=float,
        default=20.0,
        help="time a fixed workload this long after the app (the machine's own variance)",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="drop the registry from the OS's file cache before starting the app "
        "(as after a while unused: first paint then waits on the disk)",
    )
    args = parser.parse_args()
    if args.rebuild or not args.db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        start = time.perf_counter()
        build(args.db, args.groups, args.per_group, per_source=50)
        print(f"built {args.db} in {time.perf_counter() - start:.1f} s")
    connect(args.db).conn.close()  # an older registry is brought up to date once, untimed
    conn = sqlite3.connect(args.db)
    n_claims, n_groups = (
        conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("claims", "groups")
    )
    conn.close()
    if args.cold:
        evict(args.db)
    timings = asyncio.run(measure(args.db, args.repeats))
    fixed = sorted(noise(args.noise_seconds)) if args.noise_seconds > 0 else []
    print(f"command: .venv/bin/python bench/tui.py {' '.join(sys.argv[1:])}".rstrip())
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the end")
    print(f"registry: {n_claims:,} claims, {n_groups:,} groups")
    if fixed:
        typical = statistics.median(fixed)
        print(
            f"machine noise, right after: a fixed workload took median {typical:.1f} ms, "
            f"99th percentile {fixed[int(len(fixed) * 0.99)]:.1f}, max {fixed[-1]:.1f} "
            f"({len(fixed)} runs; {sum(t > 1.5 * typical for t in fixed)} over 1.5x the median)"
        )
    print(
        "| step (key -> frame painted) | median ms | max ms | presses >= 50 ms | CPU median ms "
        "| CPU max ms | SQL median ms | SQL max ms | full GCs | GC max ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, values in timings.items():
        total, cpu, reads, collected = ([v * 1000 for v in c] for c in zip(*values, strict=True))
        slow = f"{sum(t >= 50 for t in total)} of {len(total)}"
        print(
            f"| {label} | {statistics.median(total):.1f} | {max(total):.1f} "
            f"| {'-' if label.startswith('first paint') else slow} "
            f"| {statistics.median(cpu):.1f} | {max(cpu):.1f} "
            f"| {statistics.median(reads):.1f} | {max(reads):.1f} "
            f"| {sum(1 for t in collected if t)} of {len(collected)} | {max(collected):.1f} |"
        )


if __name__ == "__main__":
    main()
