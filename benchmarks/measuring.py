"""Measuring for the generated-archive benchmarks: parse in a fresh process; wall and CPU time, peak RSS.

A benchmark runs itself again with ``--measure PATH`` (or ``--child PATH``) through ``in_fresh_process``,
and that child prints ``json.dumps(parse_figures(PATH, ...))``: Linux carries the peak RSS of the process
that forks into the child's figure, so each size is measured in an interpreter of its own.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MiB (ru_maxrss is KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def parse_figures(path: Path, platform: ModuleType | None = None, sizes: tuple[str, ...] = ()) -> dict:
    """Parse every item of the export at ``path`` in this process; return counts, times and peak RSS.

    ``platform`` is the parser module to read it with (default: what ``parsers.detect`` finds, as a scan
    does); the size in MB of each member named in ``sizes`` is reported under ``member_mb``.
    """
    from parsers import ReadLog, detect, iter_items, open_archive

    before = peak_rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    with open_archive(path) as archive:
        log = ReadLog(archive.label)
        if platform is None:
            (detection,) = detect(archive)
            items = sum(1 for _ in iter_items(archive, detection, log))
        else:
            items = sum(1 for _ in platform.iter_items(archive, platform.detect(archive), log))
        member_mb = {name: round(archive.size(name) / 1e6, 1) for name in sizes}
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "items": items,
        "member_mb": member_mb,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "items_per_s": round(items / seconds),
        "items_per_cpu_s": round(items / cpu),  # per CPU second: the machine is shared
        "rss_before_mb": before,
        "peak_rss_mb": peak_rss_mb(),
        "problems": [p for f in log.files for p in f.problems],
    }


def in_fresh_process(script: str, *args: str) -> dict:
    """Run ``script`` with ``args`` in a new interpreter and return the JSON figures it prints."""
    child = subprocess.run([sys.executable, script, *args], capture_output=True, text=True, check=True)
    return json.loads(child.stdout)


def sizes_main(
    script: str,
    generate: Callable[[int], Path],
    measure: Callable[[Path], dict],
    line: Callable[[int, Path, dict], str],
    default_counts: list[int],
) -> None:
    """The command line of a benchmark over generated sizes: ``[COUNT …]``, and its own two child modes.

    Every size is generated first; then each is measured by a fresh interpreter started from a small one
    (``--run``): Linux carries the peak RSS of the process that forks into the child's figure, and
    generating is what takes the memory. ``generate`` returns an already written file's path at once.
    """
    args = sys.argv[1:]
    if args[:1] == ["--measure"]:
        print(json.dumps(measure(Path(args[1]))))
    elif args[:1] == ["--run"]:
        for count in map(int, args[1:]):
            path = generate(count)
            print(line(count, path, in_fresh_process(script, "--measure", str(path))), flush=True)
    else:
        counts = [int(a) for a in args] or default_counts
        for count in counts:
            generate(count)
        subprocess.run([sys.executable, script, "--run", *map(str, counts)], check=True)
