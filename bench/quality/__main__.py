"""`python -m bench.quality [--split tuned|heldout|all] [--json] [--failures] [--systems ...]`.

Puts the labelled questions of `bench/questions/` to factbot and the baselines, all on the
repo's curated items, and prints hit@1, hit@5 and MRR per category, per split.
"""

from __future__ import annotations

import argparse
import sys
import time

from bench.quality.questions import SPLITS, load_split
from bench.quality.report import as_json, failures, table
from bench.quality.scoring import evaluate
from bench.quality.systems import SYSTEMS, open_systems


def _systems(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in SYSTEMS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown system {', '.join(unknown)}; choose from {', '.join(SYSTEMS)}")
    return sorted(names, key=list(SYSTEMS).index)


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print the tables, or JSON with --json."""
    parser = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__)
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all",
                        help="which questions (default: both splits, reported separately)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--failures", action="store_true",
                        help="also list factbot's misses in the tuned split")
    parser.add_argument("--systems", type=_systems, default=list(SYSTEMS),
                        help=f"comma-separated, from {','.join(SYSTEMS)} (default: all)")
    args = parser.parse_args(argv)
    splits = SPLITS if args.split == "all" else (args.split,)
    questions = {split: load_split(split) for split in splits}
    started = time.perf_counter()
    with open_systems(args.systems) as (_, systems):
        scores = evaluate(questions, systems)
    print(f"{sum(map(len, questions.values()))} questions, {len(systems)} systems,"
          f" {time.perf_counter() - started:.1f} s", file=sys.stderr)
    print(as_json(scores) if args.json else "\n\n".join(map(table, scores)))
    if args.failures:
        tuned = next((split for split in scores if split.split == "tuned"), None)
        if tuned is None or "factbot" not in args.systems:
            print("\n--failures lists factbot's misses in the tuned split only.", file=sys.stderr)
        else:
            print(f"\nfactbot's misses in the tuned split:\n{failures(tuned.of('factbot'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
