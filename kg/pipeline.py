"""build(): the one composition of kg's stages, used by the CLI, the notebooks and the tests.

read → parse (nlp.pipe, batched) → annotate and extract per article → resolve across articles → events →
graph → export
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kg import DEFAULT_BATCH_SIZE, DEFAULT_MODEL
from kg.errors import ArticleError, NoArticles
from kg.sources import read_corpus
from kg.timings import Timings, current, stage
from kg.types import Article, ArticleResult, BuildResult, Merge

# spaCy, networkx and the stages after extraction are imported where used: a build with nothing to
# parse (or nothing changed) does not pay the second they take to import.
if TYPE_CHECKING:
    import networkx as nx

    from kg import background
    from kg.export import rdf
    from kg.export.networkx_files import ElementKeys
    from kg.resolve import Grouping

log = logging.getLogger(__name__)
T = TypeVar("T")

OUTPUT_FILES = ("graph.ttl", "graph.json", "graph.graphml", "graph.html", "merges.json", "facts.csv", "neo4j")


@dataclass(frozen=True)
class Extracted:
    """Every article's extraction result, what could not be used, and resolution's grouping when it was
    begun on the known articles while new ones were parsed (else None)."""

    results: list[ArticleResult]
    problems: list[str]
    begun: Grouping | None = None


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
    articles: Iterable[Article],
    settings: Settings,
    on_article: Callable[[Article], None] | None = None,
    known: dict[str, ArticleResult] | None = None,
    aside: Callable[[], dict[str, ArticleResult | ArticleError]] | None = None,
    meanwhile: Callable[[list[ArticleResult], list[Article]], None] | None = None,
) -> Iterator[tuple[str, ArticleResult | ArticleError]]:
    """(article key, result) per article, streamed: a Doc lives only while its article is read. Results
    `known` by key (a previous build's) and articles found in the cache are not parsed again; those
    parsed aside meanwhile (parse_aside) are taken from `aside`. `meanwhile(known, to_parse)`: work for this
    process before it waits for what is parsed aside, given the results it has and the articles it waits for."""
    from kg.cache import Cache, article_key

    mid = model_id(settings.model)
    cache = Cache(settings.cache_dir, mid) if settings.cache_dir else None
    to_parse: list[tuple[str, Article]] = []
    hits: list[tuple[str, ArticleResult]] = []
    with stage("cache"):
        for article in articles:
            key = article_key(article, mid)
            hit = (known or {}).get(key)
            if hit is not None:
                hit = replace(hit, article=article)  # the key covers the text: metadata may have changed
            elif cache is not None:
                hit = cache.get(article)
            if hit is None:
                to_parse.append((key, article))
            else:
                hits.append((key, hit))
    for key, hit in hits:
        yield key, hit
        if on_article is not None:
            on_article(hit.article)
    if not to_parse:
        return
    if aside is not None and meanwhile is not None:
        meanwhile([hit for _, hit in hits], [a for _, a in to_parse])
    with stage("parse.wait"):  # for the articles parsed aside, while this process read the state
        made = parsed_aside(aside)
    current().count("parsed", len(to_parse))
    current().count("parsed aside", sum(key in made for key, _ in to_parse))
    keys = dict((id(a), k) for k, a in to_parse)
    ready = (
        (a, replace(made[k], article=a) if isinstance(made[k], ArticleResult) else made[k])
        for k, a in to_parse
        if k in made
    )
    pending = [a for k, a in to_parse if k not in made]
    start = time.perf_counter()
    produced = chain(ready, extract_pending(pending, settings)) if pending else ready
    for article, result in produced:
        if cache is not None and isinstance(result, ArticleResult):
            with stage("cache"):
                cache.put(result)
        yield keys[id(article)], result
        if on_article is not None:
            on_article(article)
    current().add("map", time.perf_counter() - start)


def parsed_aside(aside: Callable[[], dict[str, ArticleResult | ArticleError]] | None) -> dict:
    """What the process parsing aside made; {} when there is none or it failed (the articles are then
    parsed here, where a cause such as a missing model is reported as usual)."""
    if aside is None:
        return {}
    try:
        return aside()
    except Exception as exc:  # noqa: BLE001 - the helper's failure costs time, never the build
        log.warning("the process parsing new articles beside the build failed (%s); parsing them here", exc)
        return {}


def extract_pending(
    pending: list[Article], settings: Settings
) -> Iterator[tuple[Article, ArticleResult | ArticleError]]:
    """Parse and extract `pending` where the settings say: a Dask cluster, worker processes, or here."""
    if settings.executor == "dask":
        return extract_with_dask(pending, settings)
    jobs = worker_count(settings.jobs, pending)
    current().count("processes", jobs)
    log.info("parsing %d articles in %d process(es)", len(pending), jobs)
    if jobs > 1:
        return extract_in_processes(pending, settings, jobs)
    from kg.nlp import load_pipeline

    return extract_stream(pending, load_pipeline(settings.model), settings.batch_size, current())


def parse_aside(
    articles: list[Article], settings: Settings, parser: WarmParser | None = None
) -> background.Pending | None:
    """The articles the cache has never seen, parsed and extracted by a forked copy of this process while
    this one reads the last build's state (adding an article: its parse costs no time of its own); None
    when there is no cache, no second core, or enough to parse for the worker processes. `parser`: one
    started as the build began (warm_parser), given the articles, or stopped when there are none."""
    unseen = unseen_articles(articles, settings)
    if not unseen or worker_count(settings.jobs, list(unseen.values())) > 1:
        if parser is not None:
            parser.cancel()
        return None
    if parser is not None:
        current().count("parser started early", 1)
    else:
        parser = start_parser(settings)
    return parser.parse(unseen) if parser is not None else None


def unseen_articles(articles: list[Article], settings: Settings) -> dict[str, Article]:
    """The articles the cache has never seen, by key ({} without a cache, or for another executor)."""
    from kg.cache import Cache, article_key

    if settings.cache_dir is None or settings.executor != "local":
        return {}
    mid = model_id(settings.model)
    cache = Cache(settings.cache_dir, mid)
    unseen = {article_key(a, mid): a for a in articles}
    return {k: a for k, a in unseen.items() if not cache.path(k).exists()}


class WarmParser:
    """A forked copy of this process that loads the spaCy pipeline (2-3 s), then parses and extracts the
    articles it is given (parse_aside). Started as the build begins (warm_parser), it loads while this one
    reads the articles and the state: adding an article to a corpus then waits for its parse alone."""

    def __init__(self, pending: background.Pending[dict[str, ArticleResult | ArticleError]], sender: int) -> None:
        self.pending = pending
        self.sender: int | None = sender  # the write end of the child's inbox

    def parse(self, articles: dict[str, Article]) -> background.Pending[dict[str, ArticleResult | ArticleError]]:
        sender, self.sender = self.sender, None
        # the child reads its inbox on a thread of its own from the start: this write never waits on it
        rest = memoryview(pickle.dumps(articles, protocol=pickle.HIGHEST_PROTOCOL))
        try:
            while rest:
                rest = rest[os.write(sender, rest) :]
        except BrokenPipeError:
            pass  # the child has ended: its result says why
        finally:
            os.close(sender)
        return self.pending

    def cancel(self) -> None:
        if self.sender is not None:
            os.close(self.sender)
            self.sender = None
        self.pending.cancel()


def warm_parser(settings: Settings) -> WarmParser | None:
    """A parser started now, when the build is likely to add a few articles to a cached corpus (there is a
    state from an earlier build); else None."""
    from kg.state import STATE_FILE

    if settings.cache_dir is None or settings.executor != "local":
        return None
    if not (Path(settings.cache_dir) / STATE_FILE).exists():
        return None  # a first build: parsed by the worker processes, or in this one
    return start_parser(settings)


def start_parser(settings: Settings) -> WarmParser | None:
    """A WarmParser; None when no process can be forked (its work must never run here: it would wait on
    its own inbox)."""
    from kg import background

    inbox, sender = os.pipe()
    pending = background.forked(partial(parse_when_given, inbox, sender, settings))
    os.close(inbox)  # the child's end
    if pending is None:
        os.close(sender)
        return None
    return WarmParser(pending, sender)


def parse_when_given(inbox: int, sender: int, settings: Settings) -> dict[str, ArticleResult | ArticleError]:
    """The WarmParser's work in its child: read the inbox (on a thread, so that the parent's write never
    waits), load and warm the pipeline meanwhile, then parse and extract what came (nothing: {})."""
    import threading

    os.close(sender)  # the parent's end: its closing (without a word) must reach this reader as an end
    received: list[bytes] = []

    def read_inbox() -> None:
        with os.fdopen(inbox, "rb") as pipe:
            received.append(pipe.read())

    reader = threading.Thread(target=read_inbox, daemon=True)
    reader.start()
    from kg.datacache import no_gc

    # what is loaded lives as long as the process: the collector is kept off it (a tenth of a second of
    # collections while the model loads, and none of them ever walks it again)
    with no_gc(keep=True):
        nlp = parser_pipeline(settings.model)
        # a first extraction loads the lexicons and compiles the patterns, and the gazetteer and the name
        # lists are read when a name first needs them: all done before the article comes
        warm_up = Article(doc_id="warm-up", path="warm-up.txt", text="The minister met the president on Monday.")
        extract_one(warm_up, nlp(warm_up.text))
        load_tables()
    reader.join()
    if not received or not received[0]:
        return {}
    articles = pickle.loads(received[0])
    return extract_here(articles, settings.model, settings.batch_size)


def load_tables() -> None:
    """The data extraction reads on first use (the gazetteer, its cities, the first names)."""
    from kg import geo, names

    geo.tables()
    geo.cities()
    names.first_names()
    names.first_name_genders()


def extract_here(articles: dict[str, Article], model: str, batch_size: int) -> dict[str, ArticleResult | ArticleError]:
    """Parse and extract in this process, results by article key (the WarmParser's work)."""
    return dict(zip(articles, extract_batch(list(articles.values()), model, batch_size), strict=True))


def extract_stream(
    articles: list[Article], nlp: object, batch_size: int, timings: Timings
) -> Iterator[tuple[Article, ArticleResult | ArticleError]]:
    """Parse and extract in one process, timing the two apart (the parse is what nlp.pipe spends)."""
    from kg.nlp import parse

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


def parser_pipeline(model: str) -> object:
    """kg's pipeline for a process that only parses (the warm parser, a worker): spaCy imported without its
    command line (kg.spacy_without_cli), then kg.nlp, whose import registers kg's own components."""
    from kg.spacy_without_cli import import_spacy

    import_spacy()
    from kg.nlp import load_pipeline

    return load_pipeline(model)


def start_worker(model: str, batch_size: int) -> None:
    WORKER["nlp"] = parser_pipeline(model)
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
    from kg.nlp import load_pipeline

    return [r for _, r in extract_stream(articles, load_pipeline(model), spacy_batch, current())]


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
    extracted = extract_known(articles, problems, settings, on_article)
    return resolve_all(extracted.results, extracted.problems, settings, extracted.begun)


# What the stages after extraction import (kg build imports them where used, so that a build with nothing
# new never pays for them).
LATER_STAGES = (
    "kg.resolve",
    "kg.events",
    "kg.graph",
    "kg.export.safe",
    "kg.export.rdf",
    "kg.export.html",
    "kg.export.layout",
    "kg.export.networkx_files",
    "kg.export.facts",
    "kg.export.neo4j",
    "kg.outputs",
    "kg.query",
)


def extract_known(
    articles: list[Article],
    problems: list[str],
    settings: Settings,
    on_article: Callable[[Article], None] | None,
    warm: WarmParser | None = None,
) -> Extracted:
    """Every article's extraction result (known ones first; resolution sorts them). With a cache folder,
    the results of the last build come from its state file and the new state is written back (kg.state).
    `warm`: a WarmParser to hand the new articles to (it is stopped when there are none). While new
    articles are parsed beside this process, resolution's grouping is begun on the known articles that
    sort before them."""
    import importlib

    from kg import geo
    from kg.datacache import no_gc
    from kg.resolve import begin, name_index, remember
    from kg.state import State, load_state, save_state

    folder = settings.cache_dir
    aside = parse_aside(articles, settings, warm)
    begun: list[Grouping] = []

    def meanwhile(known: list[ArticleResult], to_parse: list[Article]) -> None:
        # what it makes lives until the outputs are written: kept out of the collector's sight, as the reduce's
        with stage("resolve.begin"), no_gc(keep=True):
            begun.append(begin(known, (a.doc_id for a in to_parse), state.grouping))

    try:
        with stage("state"):
            state = load_state(folder) if folder is not None else State()
            remember(state.name_keys)
        if aside is not None:
            # while the new articles are parsed beside: the gazetteer resolution reads, and the modules the
            # stages after it import (networkx, pyvis for the page: half a second)
            with stage("preload"):
                geo.tables()
                for module in LATER_STAGES:
                    importlib.import_module(module)
        results: list[ArticleResult] = []
        by_key: dict[str, ArticleResult] = {}
        problems = list(problems)
        for key, item in extract_all(articles, settings, on_article, state.results, aside and aside.result, meanwhile):
            if isinstance(item, ArticleError):
                problems.append(f"{item}; skipped")
            else:
                results.append(item)
                by_key[key] = item
    finally:
        if aside is not None:
            aside.cancel()  # when its result was taken, nothing is left to stop
    grown = len(name_index()["fold"]) != len(state.name_keys.get("fold", ()))
    if folder is not None and (by_key.keys() != state.results.keys() or grown):
        with stage("state"):
            save_state(folder, State(by_key, name_index()), state)
    return Extracted(results, problems, begun[0] if begun else None)


def read_all(
    paths: Iterable[str | Path], settings: Settings, saver: Executor | None = None
) -> tuple[list[Article], list[str]]:
    """Every readable article under `paths` (never inside the output folder), and a message per file or
    path that could not be used. `saver`: where the readings are written for the next build (a thread:
    writing them lets go of Python's lock), else here."""
    from kg.state import load_readings, save_readings

    folder = settings.cache_dir
    with stage("read"):
        known = load_readings(folder) if folder is not None else {}
        corpus = read_corpus(paths, exclude=[settings.output_dir] if settings.output_dir else [], known=known)
        articles, problems = list(corpus.articles), list(corpus.problems)
        current().count("files read", corpus.read)
        if folder is not None and (corpus.read or corpus.readings.keys() != known.keys()):
            if saver is not None:
                saver.submit(save_readings, folder, corpus.readings)  # it logs, never raises
            else:
                save_readings(folder, corpus.readings)
    for problem in problems:
        log.info("%s", problem)
    if not articles:
        raise NoArticles(
            "no article could be read"
            + (": " + "; ".join(problems) if problems else " (put .txt or .md files in sources/)")
        )
    return articles, problems


def resolve_all(
    results: list[ArticleResult], problems: list[str], settings: Settings, begun: Grouping | None = None
) -> BuildResult:
    """The reduce: resolution across articles, the confidence bar, then events."""
    from kg.events import build_events

    result = resolve_facts(results, problems, settings, begun)
    with stage("events"):
        return replace(result, events=build_events(result))


def resolve_facts(
    results: list[ArticleResult], problems: list[str], settings: Settings, begun: Grouping | None = None
) -> BuildResult:
    """Resolution across articles and the confidence bar: a result without its events yet. `begun`: its
    grouping begun on the first articles (kg.resolve.begin)."""
    from kg.resolve import resolve

    with stage("resolve"):
        resolved = resolve(results, begun)
    if begun is not None and begun.resumed_after is not None:
        current().count("articles grouped while parsing", begun.resumed_after - begun.kept)
        if begun.kept:
            current().count("articles grouped by the last build", begun.kept)
    return filter_confidence(replace(resolved, problems=tuple(problems)), settings.min_confidence)


def events_and_graph(result: BuildResult) -> tuple[BuildResult, nx.MultiDiGraph, ElementKeys]:
    """`result` (the resolution of articles read and extracted by kg, kg.sources and kg.extract) with its
    events, its graph, and the keys of the graph's nodes and edges (kg.export.networkx_files.element_keys):
    the events are found by a forked copy of this process while this one makes the graph of the facts and
    those keys (none of them needs the others), then put in the graph. The graph is safe for the exporters
    as it is: every string in it comes from articles cleaned when read and results checked when extracted
    (kg.textsafe), so it is not walked again here (at 2,000 articles that walk took 0.2 s of every build)."""
    from kg import background
    from kg.events import build_events
    from kg.export.networkx_files import element_keys
    from kg.graph import set_events, to_networkx

    events = background.in_child(partial(timed, "events", build_events, result))
    with stage("graph"):
        graph = to_networkx(result)
    with stage("keys"):  # else made by the exporters' process, which takes longer than this one
        keys = element_keys(graph)
    with stage("events.wait"):
        result = replace(result, events=events.result())
    with stage("graph"):
        set_events(graph, result)
    return result, graph, keys


def extract_text(
    text: str, published: dt.date | None = None, model: str = DEFAULT_MODEL, doc_id: str = "text"
) -> BuildResult:
    """Entities and relations of one piece of text (for tests, notebooks and the challenge set)."""
    from kg.nlp import load_pipeline
    from kg.resolve import resolve
    from kg.sources import body_text, find_chrome

    article = Article(doc_id=doc_id, path=f"{doc_id}.txt", text=text, published=published, chrome=find_chrome(text))
    nlp = load_pipeline(model)
    result = extract_one(article, nlp(body_text(article)))
    if isinstance(result, ArticleError):
        raise result
    return resolve([result])


def graph_of(result: BuildResult) -> nx.MultiDiGraph:
    from kg.graph import to_networkx

    return to_networkx(result)


def write_outputs(
    result: BuildResult,
    out_dir: str | Path,
    *,
    max_nodes: int = 400,
    focus: str | None = None,
    memo_dir: str | Path | None = None,
    graph: nx.MultiDiGraph | None = None,
    element_keys: ElementKeys | None = None,
) -> dict[str, Path]:
    """Write every output format, and the query store, into out_dir, all visible together (kg.outputs): they
    are written to a staging folder and committed by its manifest, so an interrupted build leaves all the
    previous outputs (or, once committed, all the new ones). Leftovers of killed builds are removed first.

    With `memo_dir` (kg build's cache folder), what the last build made is reused where its input is
    unchanged (Turtle blocks, page layouts) and the committed query store is copied into the staging
    folder and updated there, rather than rebuilt. `graph`: the graph of `result`, when the caller has it
    already and it is safe for the exporters (kg build's is: kg.textsafe); without it, the graph is made
    here and checked whole (kg.export.safe.safe_graph). `element_keys`: the keys of the graph's nodes and
    edges (kg.export.networkx_files.element_keys), when the caller has made them."""
    import shutil

    from kg import background
    from kg.export import html, layout, neo4j, rdf
    from kg.export.files import write_aside, write_atomic
    from kg.export.safe import safe_graph
    from kg.graph import to_networkx
    from kg.outputs import MANIFEST, hashed, hashed_files, new_staging, output_lock, publish, tidy
    from kg.query import mark_units, stamp_store, store_dir

    out = Path(out_dir)
    memo_folder = Path(memo_dir) if memo_dir is not None else None
    with output_lock(out):
        tidy(out)
        if graph is None:
            with stage("graph"):
                graph = safe_graph(to_networkx(result))
            element_keys = None  # keys of another graph than this one
        staging = new_staging(out)
        store_thread = ThreadPoolExecutor(1, thread_name_prefix="kg-store")
        # the biggest files are written out and flushed to disk on a thread of their own: writing and fsync
        # let go of Python's lock, so this thread makes the next output meanwhile
        file_thread = ThreadPoolExecutor(1, thread_name_prefix="kg-files")
        memo_thread = ThreadPoolExecutor(1, thread_name_prefix="kg-memos")  # not to delay the outputs' files
        side: background.Pending[tuple[dict[str, Path], dict[str, str]]] | None = None
        triples: background.Channel | None = None
        # the memos, written aside as soon as each is known and moved into place once the outputs are committed:
        # (the file being written, its place)
        memos_written: list[tuple[Future[Path], Path]] = []
        try:
            # the files made from the graph alone, and the merges, are written by a forked copy of this
            # process, on another core, while this one writes the Turtle, the page and the Neo4j files; each
            # file is hashed for the manifest by whoever wrote it, once written
            side = background.in_child(
                partial(hashed_files, write_graph_files, graph, result.merges, staging, memo_folder, out, element_keys)
            )
            staged = {}
            digests: dict[str, str] = {}
            # read once the child is forked: this process alone uses them (read before, each page of them it
            # went through was copied, the child holding it too)
            memos = load_memos(memo_folder)
            memo, layouts = memos.turtle, layout.LayoutMemo(memos.layouts)
            # the query store (so the first `kg query` does not parse the Turtle) is filled by Oxigraph
            # without Python's lock, on a thread: with nothing to reuse, from the triples as they are made
            turtle_path = staging / "graph.ttl"
            if not memo.blocks:
                triples = background.Channel()
                storing = store_thread.submit(timed, "store", load_streamed, turtle_path, triples)
            with stage("export.ttl"):
                on_fresh = triples.add if triples is not None else None
                exported = rdf.export(graph, memo=memo, on_fresh=on_fresh, keys=element_keys)
                turtle_written = file_thread.submit(hashed, write_atomic, turtle_path, exported.turtle())  # in chunks
                if memo_folder is not None:  # the delta, or a new base and its delta: moved into place in order
                    for place, write in memo.then(exported.blocks).files(memo_folder / TURTLE_MEMO):
                        memos_written.append((memo_thread.submit(write_aside, place, write), place))
            if triples is not None:
                triples.close()
            else:
                with stage("store.prepare"):
                    make_store = sync_store(
                        turtle_path, exported, memo, store_dir(out / "graph.ttl"), turtle_written.result
                    )
                storing = store_thread.submit(timed, "store", make_store)
            with stage("export.html"), layout.reusing(layouts):
                page = html.to_html(graph, max_nodes=max_nodes, focus=focus)
                page_written = file_thread.submit(hashed, write_atomic, staging / "graph.html", page)
                del page
            if memo_folder is not None:
                place, used = memo_folder / LAYOUT_MEMO, partial(pickle.dump, layouts.used, protocol=5)
                memos_written.append((memo_thread.submit(write_aside, place, used), place))
            with stage("export.neo4j"):  # here, not beside: the two processes take about as long
                staged["neo4j"] = neo4j.write_neo4j(graph, staging / "neo4j")
            with stage("export.wait"):
                side_written, side_digests = side.result()
                staged.update(side_written)
                digests.update(side_digests)
            with stage("files.wait"):
                for kind, pending in (("ttl", turtle_written), ("html", page_written)):
                    path, digest = pending.result()
                    staged[kind] = path
                    digests[path.name] = digest
            with stage("store.wait"):
                store = storing.result()
                if triples is not None:  # named once all units are known
                    mark_units(turtle_path, units_name(exported.blocks))
                stamp_store(turtle_path)  # the Turtle it holds, now that both are whole
            with stage("publish"):
                staged = {kind: staged[kind] for kind in ("ttl", "json", "graphml", "html", "merges", "facts", "neo4j")}
                files = [p.name for p in staged.values() if not p.is_dir()]
                folders = [p.name for p in staged.values() if p.is_dir()] + [store.name]
                publish(out, staging, files, folders, digests)
        except BaseException:
            if side is not None:
                side.cancel()
            if triples is not None:
                triples.close(failed=True)
            store_thread.shutdown(wait=True, cancel_futures=True)  # the store is made inside the staging folder
            file_thread.shutdown(wait=True, cancel_futures=True)
            memo_thread.shutdown(wait=True, cancel_futures=True)
            for memo_written, _place in memos_written:
                if not memo_written.cancelled() and memo_written.exception() is None:
                    memo_written.result().unlink(missing_ok=True)
            if not (staging / MANIFEST).exists():  # not committed: the previous outputs stay
                shutil.rmtree(staging, ignore_errors=True)
            raise
        store_thread.shutdown()
        file_thread.shutdown()
        memo_thread.shutdown()
        if memos_written:  # only once committed: the memo describes the committed store
            with stage("memo"):
                for memo_written, place in memos_written:
                    os.replace(memo_written.result(), place)
    written = {kind: out / path.name for kind, path in staged.items()}
    written["store"] = store_dir(written["ttl"])
    return written


def merges_json(merges: Iterable[Merge]) -> str:
    """merges.json: a list of merges, one per line (written by the C encoder: indenting falls back to
    Python's, which costs seconds on a big corpus)."""
    import json

    from kg.textsafe import is_safe_value, safe_value

    items = [
        {"entity": m.entity_id, "names": list(m.names), "rule": m.rule, "documents": list(m.documents)} for m in merges
    ]
    if not is_safe_value(items):
        items = safe_value(items)
    lines = ",\n".join(json.dumps(item, ensure_ascii=False) for item in items)
    return f"[\n{lines}\n]\n" if items else "[]\n"


def write_graph_files(
    graph: nx.MultiDiGraph,
    merges: Iterable[Merge],
    folder: Path,
    memo_folder: Path | None = None,
    previous: Path | None = None,
    element_keys: ElementKeys | None = None,
) -> dict[str, Path]:
    """The outputs made from the graph alone (graph.json, graph.graphml and facts.csv), and merges.json.
    With `memo_folder` (kg build's cache folder) and `previous` (the output folder), the nodes and edges
    of graph.json and graph.graphml that did not change are copied from the files the last build wrote
    there (kg.export.fragments), named by their keys (`element_keys` when given, else made here)."""
    from kg.export import facts, networkx_files
    from kg.export.files import write_atomic
    from kg.export.fragments import Pieces
    from kg.state import code_version

    reuse = memo_folder is not None and previous is not None
    keys = networkx_files.content_keys(graph, element_keys) if reuse else None
    written = {}
    for kind, name, write in (
        ("json", "graph.json", partial(networkx_files.write_json, keys=keys)),
        ("graphml", "graph.graphml", partial(networkx_files.write_graphml, keys=keys)),
    ):
        with stage(f"export.{kind}"):
            pieces = Pieces.load(memo_folder / f"{name}.pieces", previous / name, code_version()) if reuse else None
            written[kind] = write(graph, folder / name, pieces)
            if pieces is not None:
                pieces.save(memo_folder / f"{name}.pieces")
                current().count("pieces reused", pieces.reused)
    with stage("export.facts"):  # one added sentence changes its fact's support on rows of many documents
        written["facts"] = facts.write_facts(graph, folder / "facts.csv")
    with stage("export.merges"):
        written["merges"] = write_atomic(folder / "merges.json", merges_json(merges))
    return written


def load_streamed(graph_path: Path, triples: background.Channel) -> Path:
    """A new store beside the staged graph.ttl, loaded from the export's triples as they are made."""
    from kg.query import store_from_triples

    try:
        return store_from_triples(graph_path, triples, None)
    finally:
        triples.abandon()  # should the load fail before reading, the export must not wait for it


def timed(name: str, work: Callable[..., T], *args: object) -> T:
    """`work(*args)`, its wall time recorded as stage `name` (for work done on another thread)."""
    with stage(name):
        return work(*args)


TURTLE_MEMO = "turtle-blocks.pickle"
LAYOUT_MEMO = "layouts.pickle"


@dataclass(frozen=True)
class Memos:
    """What the last build's outputs were made of, for this build to reuse: Turtle blocks by unit, the page's
    layouts."""

    turtle: rdf.Memo
    layouts: dict


def load_memos(memo_folder: Path | None) -> Memos:
    """The memos kept in the cache folder (none without one)."""
    from kg.datacache import no_gc
    from kg.export import rdf

    with stage("memo"), no_gc(keep=True):
        if memo_folder is None:
            return Memos(rdf.Memo(), {})
        return Memos(rdf.Memo.load(memo_folder / TURTLE_MEMO), load_pickle(memo_folder / LAYOUT_MEMO))


def load_pickle(path: Path) -> dict:
    """A memo file written by an earlier build, or {} when there is none or it is unreadable."""
    from kg.export.files import read_pickle

    value = read_pickle(path)
    return value if isinstance(value, dict) else {}


def sync_store(
    graph_path: Path,
    exported: rdf.Export,
    previous: rdf.Memo,
    committed: Path,
    turtle_written: Callable[[], object] = lambda: None,
) -> Callable[[], Path]:
    """How to make the Oxigraph store beside the staged graph.ttl, as work that runs in Oxigraph without
    Python's lock (what needs Python is done here): the committed store (`committed`), when it holds the
    previous export, copied and updated with the triples that changed; else a store loaded from the
    triples just made (all of them when none came from the memo; only then, from the Turtle file, once
    `turtle_written()` has returned: it may be written on another thread)."""
    from functools import partial

    from kg.query import build_store, mark_units, store_from_triples, update_store

    new_keys, old_keys = set(exported.blocks), set(previous.blocks)
    units = units_name(new_keys)
    if len(exported.fresh) == len(exported.blocks):
        return partial(store_from_triples, graph_path, exported.ntriples(exported.blocks), units)

    def load_turtle() -> Path:
        # the memo was current but the store was not (deleted, rebuilt by `kg query`, or a build stopped midway)
        turtle_written()
        store = build_store(graph_path)
        mark_units(graph_path, units)
        return store

    if not old_keys:
        return load_turtle
    gone, added = old_keys - new_keys, new_keys - old_keys
    removed, inserted = changed_pairs(
        [b for key in gone for b in previous.blocks[key]], [b for key in added for b in exported.blocks[key]]
    )
    # a subject is one unit's (an entity, a document, a statement, an event), so the pairs of the units
    # gone and made stand for all the store holds about their subjects; were one also a kept unit's
    # subject, a pair both held would be removed
    subjects = {triple.split(" ", 1)[0] for triple in removed}
    if not subjects.isdisjoint(b[0] for key in new_keys & old_keys for b in exported.blocks[key]):
        return load_turtle
    current().count("store units updated", len(gone) + len(added))
    current().count("store triples changed", len(removed) + len(inserted))
    prefixes = exported.sparql_prefixes()

    def update() -> Path:
        made = update_store(committed, graph_path, units, prefixes, removed, inserted, units_name(old_keys))
        return made if made is not None else load_turtle()

    return update


def units_name(keys: Iterable[bytes]) -> str:
    """What a query store holds, named by the keys of the export units loaded into it."""
    return hashlib.sha256(b"".join(sorted(keys))).hexdigest()


def changed_pairs(old: list[rdf.Block], new: list[rdf.Block]) -> tuple[list[str], list[str]]:
    """The triples (subject, then a pair as written in the Turtle) in the `old` blocks and not the `new`
    ones, and those in the new and not the old: most of a changed unit's triples are in its new version
    too, and stay where they are.

    A block writes one pair per line, so only the lines a subject's old and new blocks do not share are
    read as pairs (a fact's statements differ in their support lines alone). A pair whose line changed only
    in its ending (" ;" or " .") or in standing first, after the subject, is read on both sides and cancels."""
    from collections import defaultdict

    from kg.export.rdf import pairs_in

    def lines_by_subject(blocks: list[rdf.Block]) -> dict[str, set[str]]:
        lines: dict[str, set[str]] = defaultdict(set)
        for subject, text in blocks:
            lines[subject].update(text.decode("utf-8").split("\n"))
        return lines

    before, after = lines_by_subject(old), lines_by_subject(new)
    removed, inserted = [], []
    for subject in sorted(before.keys() | after.keys()):
        was, now = before.get(subject, set()), after.get(subject, set())
        gone, made = pairs_in(was - now), pairs_in(now - was)
        removed.extend(f"{subject} {p} ." for p in sorted(gone - made))
        inserted.extend(f"{subject} {p} ." for p in sorted(made - gone))
    return removed, inserted


@dataclass(frozen=True)
class Built:
    """What `build_outputs` did: the counts to report, the files, and whether anything had changed."""

    summary: str  # the count line (kg.graph.counts)
    problems: tuple[str, ...]
    written: dict[str, Path]
    unchanged: bool = False
    # what the outputs were written from (None when nothing changed): for a notebook to go on with, and for
    # the `kg` program to leave to its exit rather than free object by object (a tenth of a second)
    result: BuildResult | None = None
    graph: nx.MultiDiGraph | None = None


def build_outputs(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    settings: Settings | None = None,
    *,
    max_nodes: int = 400,
    focus: str | None = None,
    on_article: Callable[[Article], None] | None = None,
) -> Built:
    """`kg build`: build() then write_outputs(), holding the output folder's lock, with the cache folder
    holding what the next build reuses; when the articles, their metadata, the options and kg are those
    of the last build and its committed outputs are untouched, nothing is parsed, resolved or written."""
    from kg.outputs import output_lock

    out = Path(out_dir)
    settings = settings or Settings()
    if settings.output_dir is None:
        settings = replace(settings, output_dir=out)
    with output_lock(out):
        warm = warm_parser(settings)
        try:
            return build_locked(paths, out, settings, max_nodes, focus, on_article, warm)
        finally:
            if warm is not None:
                warm.cancel()  # when the articles were given to it, its result was taken: nothing to stop


def build_locked(
    paths: Iterable[str | Path],
    out: Path,
    settings: Settings,
    max_nodes: int,
    focus: str | None,
    on_article: Callable[[Article], None] | None,
    warm: WarmParser | None,
) -> Built:
    """build_outputs, once the output folder is locked (and the parser for new articles warming up)."""
    from kg.cache import article_key
    from kg.datacache import no_gc
    from kg.outputs import MANIFEST, tidy
    from kg.state import inputs_digest, read_manifest, up_to_date, write_manifest

    # the reduce's objects may be promoted past the collector's young generation only when nothing was frozen
    # by anyone else (kg.datacache.no_gc)
    promote = gc.get_freeze_count() == 0
    folder = settings.cache_dir
    if folder is not None:
        with stage("check"):  # (before the readings are written: it removes what is half-written)
            tidy(out)  # a committed build a kill interrupted is finished first: its files are the outputs
    # the readings are written on a thread while the state is read, and waited for before the reduce forks
    saver = ThreadPoolExecutor(1, thread_name_prefix="kg-readings")
    try:
        articles, problems = read_all(paths, settings, saver)
        inputs = None
        if folder is not None:
            with stage("check"):
                mid = model_id(settings.model)
                options = {
                    "min_confidence": settings.min_confidence,
                    "max_nodes": max_nodes,
                    "focus": focus,
                    "model": mid,
                    "problems": problems,  # what could not be read is reported again, so it is an input too
                }
                inputs = inputs_digest(articles, [article_key(a, mid) for a in articles], options)
                manifest = read_manifest(Path(folder))
                if manifest is not None and up_to_date(manifest, inputs):
                    files = {k: Path(v) for k, v in manifest.summary["written"].items()}
                    return Built(manifest.summary["line"], tuple(manifest.summary["problems"]), files, True)
        extracted = extract_known(articles, problems, settings, on_article, warm)
    finally:
        saver.shutdown()
    # The reduce makes millions of objects that live until the outputs are written, and hardly a cycle:
    # the cycle collector, walking them again and again as they are made, would only cost time.
    with no_gc(promote=promote):
        result = resolve_facts(extracted.results, extracted.problems, settings, extracted.begun)
        del extracted  # every article's extraction result: the outputs need only what resolution made of them
        result, graph, keys = events_and_graph(result)
        written = write_outputs(
            result, out, max_nodes=max_nodes, focus=focus, memo_dir=folder, graph=graph, element_keys=keys
        )
    from kg.graph import counts

    built = Built(counts(graph).describe(), result.problems, written, result=result, graph=graph)
    if folder is not None and inputs is not None:
        summary = {
            "line": built.summary,
            "problems": list(built.problems),
            "written": {k: str(v) for k, v in written.items()},
        }
        write_manifest(Path(folder), inputs, stamped_files(written, out / MANIFEST), summary)
    return built


def stamped_files(written: dict[str, Path], manifest: Path) -> list[Path]:
    """The files whose size and time tell that the outputs are as a build left them: every output file,
    those inside output folders, the committed manifest, and for the store its stamp (its own files
    change whenever a query opens it)."""
    files = [manifest]
    for kind, path in written.items():
        if kind == "store":
            files.append(path / "kg-stamp")
        elif path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()))
        else:
            files.append(path)
    return files
