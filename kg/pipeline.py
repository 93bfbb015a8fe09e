"""build(): the one composition of kg's stages, used by the CLI, the notebooks and the tests.

read → parse (nlp.pipe, batched) → annotate and extract per article → resolve across articles → events →
graph → export
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import networkx as nx

from kg.errors import ArticleError, NoArticles
from kg.events import build_events
from kg.graph import to_networkx
from kg.nlp import DEFAULT_BATCH_SIZE, DEFAULT_MODEL, load_pipeline, parse
from kg.resolve import resolve
from kg.sources import read_corpus
from kg.textsafe import safe_value
from kg.timings import Timings, current, stage
from kg.types import Article, ArticleResult, BuildResult

log = logging.getLogger(__name__)

OUTPUT_FILES = ("graph.ttl", "graph.json", "graph.graphml", "graph.html", "merges.json", "facts.csv", "neo4j")


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    batch_size: int = DEFAULT_BATCH_SIZE
    jobs: int | None = None  # parser processes; None: every core for a corpus big enough (see worker_count)
    min_confidence: float = 0.0
    cache_dir: Path | None = None  # per-article extraction cache; None: no cache
    executor: str = "local"  # "local" or "dask"
    scheduler: str | None = None  # a Dask scheduler address; None: a LocalCluster of `jobs` workers
    output_dir: Path | None = None  # never read as input, even when it lies inside a source folder


# Starting a worker process (Python, spaCy, the model) costs about 3 s, what one core parses of ~15,000
# words; below this much text to parse, one process finishes first.
AUTO_MIN_CHARS = 300_000
# Articles handed to a worker at a time: small enough that the cores share the tail of the corpus and
# a worker holds few parsed Docs, large enough that passing them costs nothing next to parsing them.
CHUNK_ARTICLES = 16


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(jobs: int | None, articles: list[Article]) -> int:
    """`jobs` when given; else every core when the text to parse pays for starting them, else one."""
    if jobs is not None:
        return max(1, jobs)
    if sum(len(a.text) for a in articles) < AUTO_MIN_CHARS:
        return 1
    return min(cores(), max(1, len(articles) // CHUNK_ARTICLES))


def model_id(name: str) -> str:
    """Name and version of a pipeline without loading it (for cache keys)."""
    from importlib import metadata

    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "unknown"

    # metadata, not `import spacy`: a build with nothing to parse need not import spaCy at all
    return f"{name}=={version(name)};spacy=={version('spacy')}"


def extract_all(
    articles: Iterable[Article], settings: Settings, on_article: Callable[[Article], None] | None = None
) -> Iterator[ArticleResult | ArticleError]:
    """Per-article extraction, streamed: a Doc lives only while its article is read. Articles found
    in the cache are not parsed again."""
    from kg.cache import Cache

    cache = Cache(settings.cache_dir, model_id(settings.model)) if settings.cache_dir else None
    to_parse: list[Article] = []
    with stage("cache"):
        hits = []
        for article in articles:
            hit = cache.get(article) if cache else None
            if hit is None:
                to_parse.append(article)
            else:
                hits.append(hit)
    for hit in hits:
        yield hit
        if on_article is not None:
            on_article(hit.article)
    if not to_parse:
        return
    current().count("parsed", len(to_parse))
    produced: Iterable[tuple[Article, ArticleResult | ArticleError]]
    start = time.perf_counter()
    if settings.executor == "dask":
        produced = extract_with_dask(to_parse, settings)
    else:
        jobs = worker_count(settings.jobs, to_parse)
        current().count("processes", jobs)
        log.info("parsing %d articles in %d process(es)", len(to_parse), jobs)
        if jobs > 1:
            produced = extract_in_processes(to_parse, settings, jobs)
        else:
            produced = extract_stream(to_parse, load_pipeline(settings.model), settings.batch_size, current())
    for article, result in produced:
        if cache is not None and isinstance(result, ArticleResult):
            with stage("cache"):
                cache.put(result)
        yield result
        if on_article is not None:
            on_article(article)
    current().add("map", time.perf_counter() - start)


def extract_stream(
    articles: list[Article], nlp: object, batch_size: int, timings: Timings
) -> Iterator[tuple[Article, ArticleResult | ArticleError]]:
    """Parse and extract in one process, timing the two apart (the parse is what nlp.pipe spends)."""
    docs = parse(articles, nlp, batch_size)
    while True:
        start = time.perf_counter()
        pair = next(docs, None)
        parsed = time.perf_counter()
        timings.add("parse", parsed - start)
        if pair is None:
            return
        result = extract_one(*pair)
        timings.add("extract", time.perf_counter() - parsed)
        yield pair[0], result


def extract_one(article: Article, doc: object) -> ArticleResult | ArticleError:
    """annotate → extract for one parsed article."""
    from kg.annotate import annotate
    from kg.extract import extract_article

    try:
        return extract_article(annotate(article, doc))
    except Exception as exc:  # one article's failure must not cost the others
        log.exception("extraction failed on %s", article.path)
        return ArticleError(
            article.path, f"extraction failed ({type(exc).__name__}: {exc})", "please report it with the file attached"
        )


# The pipeline of a worker process, loaded once by its initializer.
WORKER: dict[str, object] = {}


def start_worker(model: str, batch_size: int) -> None:
    WORKER["nlp"] = load_pipeline(model)  # importing kg.nlp registers kg's own components first
    WORKER["batch_size"] = batch_size


def extract_chunk(articles: list[Article]) -> tuple[list[ArticleResult | ArticleError], dict[str, float]]:
    """The map step in a worker process: parse and extract a few articles; only their (small) results
    travel back, never a Doc."""
    timings = Timings()
    results = [r for _, r in extract_stream(articles, WORKER["nlp"], int(WORKER["batch_size"]), timings)]
    return results, timings.seconds


def extract_in_processes(
    articles: list[Article], settings: Settings, jobs: int
) -> Iterator[tuple[Article, ArticleResult | ArticleError]]:
    """Per-article extraction on `jobs` worker processes, results in input order (so the build is the
    same whatever the number of processes). Workers are spawned, not forked: a fork of a process with
    threads (a progress bar's) can hang, and spawned workers load the pipeline the way `kg build` does."""
    import multiprocessing

    chunks = [articles[i : i + CHUNK_ARTICLES] for i in range(0, len(articles), CHUNK_ARTICLES)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=start_worker, initargs=(settings.model, settings.batch_size)) as pool:
        for chunk, (results, seconds) in zip(chunks, pool.imap(extract_chunk, chunks), strict=True):
            current().merge(seconds)
            yield from zip(chunk, results, strict=True)


def extract_batch(articles: list[Article], model: str, spacy_batch: int) -> list[ArticleResult | ArticleError]:
    """The map step: parse and extract a batch of articles (runs on a Dask worker; the pipeline is
    loaded once per worker process)."""
    nlp = load_pipeline(model)
    return [extract_one(a, doc) for a, doc in parse(articles, nlp, spacy_batch)]


def extract_with_dask(
    articles: list[Article], settings: Settings
) -> Iterator[tuple[Article, ArticleResult | ArticleError]]:
    """Per-article extraction on a Dask cluster (an existing scheduler, or a LocalCluster); resolution,
    the reduce step, stays here."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if settings.scheduler:
        client = Client(settings.scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(1, settings.jobs or cores()), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        size = max(1, settings.batch_size)
        batches = [articles[i : i + size] for i in range(0, len(articles), size)]
        futures = client.map(extract_batch, batches, model=settings.model, spacy_batch=settings.batch_size, pure=False)
        for future in as_completed(futures):
            batch_index = futures.index(future)
            yield from zip(batches[batch_index], future.result(), strict=True)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def filter_confidence(result: BuildResult, min_confidence: float) -> BuildResult:
    """Keep the facts whose confidence, combined over all their supporting sentences, reaches the bar."""
    if min_confidence <= 0:
        return result
    from collections import defaultdict

    from kg.graph import combined_confidence

    support: dict[tuple, list[float]] = defaultdict(list)
    for r in result.relations:
        support[(r.subject, r.predicate, r.object, r.status)].append(r.confidence)
    kept = tuple(
        r
        for r in result.relations
        if combined_confidence(support[(r.subject, r.predicate, r.object, r.status)]) >= min_confidence
    )
    return replace(result, relations=kept)


def build(
    paths: Iterable[str | Path], settings: Settings | None = None, on_article: Callable[[Article], None] | None = None
) -> BuildResult:
    """Read, parse, extract and resolve the articles under `paths`. Bad articles are reported in
    `problems` and skipped; NoArticles is raised only when nothing could be read."""
    settings = settings or Settings()
    articles, problems = read_all(paths, settings)
    results: list[ArticleResult] = []
    for item in extract_all(articles, settings, on_article):
        if isinstance(item, ArticleError):
            problems.append(f"{item}; skipped")
        else:
            results.append(item)
    return resolve_all(results, problems, settings)


def read_all(paths: Iterable[str | Path], settings: Settings) -> tuple[list[Article], list[str]]:
    """Every readable article under `paths` (never inside the output folder), and a message per file or
    path that could not be used."""
    with stage("read"):
        corpus = read_corpus(paths, exclude=[settings.output_dir] if settings.output_dir else [])
        articles, problems = list(corpus.articles), list(corpus.problems)
    for problem in problems:
        log.info("%s", problem)
    if not articles:
        raise NoArticles(
            "no article could be read"
            + (": " + "; ".join(problems) if problems else " (put .txt or .md files in sources/)")
        )
    return articles, problems


def resolve_all(results: list[ArticleResult], problems: list[str], settings: Settings) -> BuildResult:
    """The reduce: resolution across articles, the confidence bar, then events."""
    with stage("resolve"):
        resolved = resolve(results)
    result = filter_confidence(replace(resolved, problems=tuple(problems)), settings.min_confidence)
    with stage("events"):
        return replace(result, events=build_events(result))


def extract_text(
    text: str, published: dt.date | None = None, model: str = DEFAULT_MODEL, doc_id: str = "text"
) -> BuildResult:
    """Entities and relations of one piece of text (for tests, notebooks and the challenge set)."""
    from kg.sources import body_text, find_chrome

    article = Article(doc_id=doc_id, path=f"{doc_id}.txt", text=text, published=published, chrome=find_chrome(text))
    nlp = load_pipeline(model)
    result = extract_one(article, nlp(body_text(article)))
    if isinstance(result, ArticleError):
        raise result
    return resolve([result])


def graph_of(result: BuildResult) -> nx.MultiDiGraph:
    return to_networkx(result)


def write_outputs(
    result: BuildResult, out_dir: str | Path, *, max_nodes: int = 400, focus: str | None = None
) -> dict[str, Path]:
    """Write every output format, and the query store, into out_dir, all visible together (kg.outputs): they
    are written to a staging folder and committed by its manifest, so an interrupted build leaves all the
    previous outputs (or, once committed, all the new ones). Leftovers of killed builds are removed first."""
    import json
    import shutil

    from kg.export import facts, html, neo4j, networkx_files, rdf
    from kg.export.files import write_atomic
    from kg.export.safe import safe_graph
    from kg.outputs import MANIFEST, new_staging, output_lock, publish, tidy
    from kg.query import build_store, store_dir

    out = Path(out_dir)
    with output_lock(out):
        tidy(out)
        graph = safe_graph(to_networkx(result))
        stage = new_staging(out)
        try:
            merges = [
                {"entity": m.entity_id, "names": list(m.names), "rule": m.rule, "documents": list(m.documents)}
                for m in result.merges
            ]
            staged = {
                "ttl": rdf.write_turtle(graph, stage / "graph.ttl"),
                "json": networkx_files.write_json(graph, stage / "graph.json"),
                "graphml": networkx_files.write_graphml(graph, stage / "graph.graphml"),
                "html": html.write_html(graph, stage / "graph.html", max_nodes=max_nodes, focus=focus),
                "merges": write_atomic(
                    stage / "merges.json", json.dumps(safe_value(merges), indent=1, ensure_ascii=False)
                ),
                "facts": facts.write_facts(graph, stage / "facts.csv"),
                "neo4j": neo4j.write_neo4j(graph, stage / "neo4j"),
            }
            store = build_store(staged["ttl"])  # so the first `kg query` does not parse the Turtle
            files = [p.name for p in staged.values() if not p.is_dir()]
            folders = [p.name for p in staged.values() if p.is_dir()] + [store.name]
            publish(out, stage, files, folders)
        except BaseException:
            if not (stage / MANIFEST).exists():  # not committed: the previous outputs stay
                shutil.rmtree(stage, ignore_errors=True)
            raise
    written = {kind: out / path.name for kind, path in staged.items()}
    written["store"] = store_dir(written["ttl"])
    return written
