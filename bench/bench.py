"""`make bench`: speed and memory of licensecmp on the whole reference corpus.

Prints the count, total seconds, median and 95th percentile per text, the slowest
five texts, peak RSS, and the cold start-up time of `licensecmp --help`. Targets
(issue: the clause analyzer): median under 10 ms per text, whole corpus under 60 s,
peak RSS under 200 MB, `--help` under 300 ms.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from licensecmp.errors import LicensecmpError
from licensecmp.sources import analyze_bytes


def analyse_corpus(texts: Path) -> tuple[list[tuple[float, str]], int]:
    """Time the analysis of every corpus text; return (seconds, key) pairs and failures."""
    timings = []
    failures = 0
    for path in sorted(texts.glob("*.txt")):
        data = path.read_bytes()
        start = time.perf_counter()
        try:
            analyze_bytes(data, path.stem)
        except LicensecmpError:
            failures += 1  # empty or odd entries of the database: refused, not crashed
        timings.append((time.perf_counter() - start, path.stem))
    return timings, failures


def cold_start(runs: int = 5) -> float:
    """Best wall time of `licensecmp --help` in a fresh interpreter."""
    exe = Path(sys.executable).with_name("licensecmp")
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(exe), "--help"], capture_output=True, check=True)
        best = min(best, time.perf_counter() - start)
    return best


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# Each command's cold start: its --help, then a real small call on a fixture.
COLD_HELP = ("analyze", "compare", "identify", "report", "check", "licenses", "texts")
COLD_CALLS = (
    "analyze fixtures/texts/acme-model-license.txt",
    "compare fixtures/texts/acme-model-license.txt apache-2.0",
    "identify fixtures/texts/acme-model-license.txt",
    "report fixtures/models/acme-chat-7b -o /dev/null",
    "check fixtures/models/acme-chat-7b --policy fixtures/policies/pass.toml",
    "licenses list",
)


def best_wall(argv: list[str], runs: int = 5) -> float:
    """Best wall time of a command in a fresh process; exit 0 or 1 (a failed check) only."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, cwd=FIXTURES.parent)
        best = min(best, time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()}")
    return best


def cold_commands(runs: int = 5) -> list[tuple[str, float]]:
    """Best wall time (of `runs`) of `licensecmp --help`, of each command's --help, and of a
    real small call of each command on a fixture, each in a fresh interpreter."""
    exe = str(Path(sys.executable).with_name("licensecmp"))
    lines = ["--help", *(f"{command} --help" for command in COLD_HELP), *COLD_CALLS]
    return [(f"licensecmp {line}", best_wall([exe, *line.split()], runs)) for line in lines]


def print_cold(rows: list[tuple[str, float]]) -> None:
    print("cold start of each command (best of 5, wall, a fresh process each run):")
    for line, seconds in rows:
        print(f"  {seconds * 1000:6.0f} ms  {line}")


MODEL_KEYS = (
    "llama-license-2023 llama-2-license-2023 llama-3.1-license-2024 llama-3.2-license-2024 "
    "llama-3.3-license-2024 llama-4-cla-2025 gemma-tou-2024-04-01 gemma-tou-2025-03-24 qwen-2024 "
    "tongyi-qianwen-2023 deepseek-la-1.0 falcon-2-11b-1.0 bigscience-open-rail-m "
    "bigscience-open-rail-m2 bigscience-rail-1.0 bigcode-open-rail-m-v1 "
    "stable-diffusion-2022-08-22 "
    "stability-ai-community-2024 stability-ai-nc-2023-12-06 nvidia-open-model-2025-04-28 "
    "exaone-ai-model-1.1-nc hyperclova-x-seed-2025 openatom-model-1.0 playground-v2-community "
    "fair-ai-public-1.0 moonshot-ai-modified-mit-2025 open-weights-permissive-1.0.0 "
    "responsible-ai-source-1.1 tencent-hunyuan-3d-2.0-cla bilibili-model-ula-2025-09-09 "
    "chameleon-research-2024 c-uda-1.0 o-uda-1.0 openmdw-1.0"
).split()


def compare_pairs(texts: Path) -> tuple[int, float, float]:
    """Time compare (flags and text diff) of every ordered pair of model licenses."""
    from licensecmp.compare import compare

    analyses = [analyze_bytes((texts / f"{k}.txt").read_bytes(), k) for k in MODEL_KEYS]
    times = []
    for a in analyses:
        for b in analyses:
            if a is not b:
                start = time.perf_counter()
                compare(a, b)
                times.append(time.perf_counter() - start)
    times.sort()
    return len(times), statistics.median(times), times[int(0.95 * (len(times) - 1))]


def cold_compare(runs: int = 5) -> float:
    """Best wall time of `licensecmp compare llama-3.1 apache-2.0` in a fresh interpreter."""
    exe = Path(sys.executable).with_name("licensecmp")
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [str(exe), "compare", "llama-3.1", "apache-2.0"], capture_output=True, check=True
        )
        best = min(best, time.perf_counter() - start)
    return best


def cold_report(corpus: Path, runs: int = 3) -> tuple[int, float]:
    """Best wall time of one `licensecmp report` over every model license of the knowledge
    base that has a corpus text (one matrix), in a fresh interpreter, texts pulled."""
    import os

    from licensecmp.knowledge import load

    ids = [
        e.id
        for e in load().entries
        if e.category == "model"
        and e.kind == "license"
        and (corpus / "texts" / f"{e.scancode}.txt").is_file()
    ]
    exe = Path(sys.executable).with_name("licensecmp")
    env = {**os.environ, "LICENSECMP_TEXTS": str(corpus)}
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [str(exe), "report", *ids, "-o", os.devnull], capture_output=True, check=True, env=env
        )
        best = min(best, time.perf_counter() - start)
    return len(ids), best


def check_models(corpus: Path, count: int = 1000) -> tuple[float, float, bool]:
    """`check` over `count` generated model directories with a policy: the wall time with
    --jobs 2 and --jobs 1, and whether both give byte-identical JSON."""
    import os

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_models import write

    out = Path(".cache/bench/models")
    models = [str(p) for p in write(count, out, corpus)]
    exe = Path(sys.executable).with_name("licensecmp")
    policy = Path(__file__).resolve().parent.parent / "fixtures" / "policies" / "pass.toml"
    outputs, times = [], []
    for jobs in ("2", "1"):
        target = out.parent / f"check-jobs-{jobs}.json"
        start = time.perf_counter()
        done = subprocess.run(
            [
                str(exe),
                "check",
                "--jobs",
                jobs,
                "--policy",
                str(policy),
                "--format",
                "json",
                "--output",
                str(target),
                "--today",
                "2026-11-28",
                *models,
            ],
            capture_output=True,
            env={**os.environ, "LICENSECMP_TEXTS": str(corpus)},
        )
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"check failed: {done.stderr.decode()}")
        outputs.append(target.read_bytes())
    return times[0], times[1], outputs[0] == outputs[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path(".cache/corpus"))
    parser.add_argument(
        "--cold-only", action="store_true", help="only the cold start of each command"
    )
    args = parser.parse_args()
    if args.cold_only:
        print_cold(cold_commands())
        return 0
    texts = args.corpus / "texts"
    if not texts.is_dir():
        print(f"error: no corpus at {texts}; run `make corpus`", file=sys.stderr)
        return 2
    wall = time.perf_counter()
    timings, failures = analyse_corpus(texts)
    total = time.perf_counter() - wall
    per_text = sorted(t for t, _ in timings)
    p95 = per_text[int(0.95 * (len(per_text) - 1))]
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"texts analysed:      {len(timings)} ({failures} refused as unreadable)")
    print(f"total:               {total:.2f} s (target < 60 s)")
    print(f"median per text:     {statistics.median(per_text) * 1000:.2f} ms (target < 10 ms)")
    print(f"95th percentile:     {p95 * 1000:.2f} ms")
    print(f"peak RSS:            {rss_mb:.0f} MB (target < 200 MB)")
    print("slowest five:")
    for seconds, key in sorted(timings, reverse=True)[:5]:
        print(f"  {seconds * 1000:8.1f} ms  {key}")
    print(f"licensecmp --help:   {cold_start() * 1000:.0f} ms (best of 5; target < 300 ms)")
    pairs, median, p95 = compare_pairs(texts)
    print(
        f"compare:             {pairs} pairs of model licenses, median {median * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms per pair (target < 50 ms)"
    )
    print(
        f"compare CLI:         {cold_compare() * 1000:.0f} ms for llama-3.1 vs apache-2.0 "
        "(best of 5; target < 400 ms)"
    )
    sources, seconds = cold_report(args.corpus)
    print(
        f"report CLI:          {seconds:.2f} s for one report on {sources} model licenses "
        "with their texts (best of 3; target < 2 s)"
    )
    two, one, same = check_models(args.corpus)
    print(
        f"check CLI:           1000 generated model directories with a policy: "
        f"{two:.1f} s with --jobs 2, {one:.1f} s with --jobs 1 (target < 20 s); "
        f"outputs {'identical' if same else 'DIFFER'}"
    )
    print_cold(cold_commands())
    from licensecmp.identify import bench_identify

    ident = bench_identify(args.corpus)
    print(
        f"identification:      {ident['texts']:.0f} texts, load {ident['load_ms']:.0f} ms, "
        f"median {ident['median_ms']:.2f} ms (target < 5 ms), p95 {ident['p95_ms']:.1f} ms, "
        f"top-1 on exact texts {ident['top1']:.4f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
