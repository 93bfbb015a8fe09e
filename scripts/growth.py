"""How the stages after the parse grow with the corpus, the machine aside: the extraction results of a build
of the benchmark's corpus (articles named article_NNNNN, as `scripts/benchmark.py --keep` leaves them),
then `--copies` copies of them under other document ids, through resolution, the events, the graph, its
digests and the exporters' main passes, in this one process, each timed.

    .venv/bin/python scripts/growth.py OUTPUT/.cache [--copies 10]
"""

from __future__ import annotations

import argparse
import gc
import pickle
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.events import build_events  # noqa: E402
from kg.export import facts, neo4j, rdf  # noqa: E402
from kg.export.networkx_files import element_keys  # noqa: E402
from kg.graph import to_networkx  # noqa: E402
from kg.pipeline import Settings, resolve_facts  # noqa: E402
from kg.resolve import remember  # noqa: E402
from kg.state import load_state  # noqa: E402
from kg.timings import Timings  # noqa: E402

PREFIX = b"article_"  # the benchmark's document ids; a copy's differ in one letter, the same length
COPY_LETTERS = [bytes([c]) for c in b"abcdfghijklmnopqrstuvwxyz"]  # never the original's "e"


def copies(results: list, n: int) -> list:
    """`results` and n - 1 copies under other document ids (pickled, the prefix replaced: same lengths)."""
    raw = pickle.dumps(results, protocol=5)
    out = list(results)
    for letter in COPY_LETTERS[: n - 1]:
        out += pickle.loads(raw.replace(PREFIX, PREFIX[:-2] + letter + b"_"))
    return out


def stages(results: list) -> dict[str, float]:
    timings = Timings()
    with timings.stage("resolve"):
        result = resolve_facts(results, [], Settings())
    with timings.stage("events"):
        result = replace(result, events=build_events(result))
    with timings.stage("graph"):
        graph = to_networkx(result)
    with timings.stage("keys"):
        keys = element_keys(graph)
    with timings.stage("facts rows"):
        facts.row_values(graph)
    with timings.stage("neo4j"):
        neo4j.to_neo4j(graph)
    with timings.stage("turtle units"):
        list(rdf.units(graph, keys=keys))
    return timings.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cache", type=Path, help="the cache folder of a build of the benchmark's corpus")
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    gc.disable()  # as kg build runs these stages
    state = load_state(args.cache)
    if not state.results:
        sys.exit(f"no state in {args.cache}: build the benchmark's corpus there first")
    remember(state.name_keys)
    results = list(state.results.values())
    if not any(r.article.doc_id.startswith(PREFIX.decode()) for r in results):
        sys.exit("the articles are not the benchmark's (article_NNNNN): their copies would share ids")
    one = stages(results)
    many = stages(copies(results, args.copies))
    print(f"{'stage':14} {len(results):>8,} {len(results) * args.copies:>8,}  growth")
    for name, seconds in one.items():
        print(f"{name:14} {seconds:8.2f} {many[name]:8.2f}  x{many[name] / max(seconds, 0.01):.1f}")


if __name__ == "__main__":
    main()
