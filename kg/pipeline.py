"""build(): the one composition of kg's stages, used by the CLI, the notebooks and the tests.

read → parse (nlp.pipe, batched) → annotate and extract per article → resolve across articles → events →
graph → export
"""

from __future__ import annotations

import datetime as dt
import logging
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
from kg.types import Article, ArticleResult, BuildResult

log = logging.getLogger(__name__)

OUTPUT_FILES = ("graph.ttl", "graph.json", "graph.graphml", "graph.html", "merges.json", "facts.csv", "neo4j")


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    batch_size: int = DEFAULT_BATCH_SIZE
    jobs: int = 1
    min_confidence: float = 0.0
    cache_dir: Path | None = None  # per-article extraction cache; None: no cache
    executor: str = "local"  # "local" or "dask"
    scheduler: str | None = None  # a Dask scheduler address; None: a LocalCluster of `jobs` workers
    output_dir: Path | None = None  # never read as input, even when it lies inside a source folder


def model_id(name: str) -> str:
    """Name and version of a pipeline without loading it (for cache keys)."""
    from importlib import metadata

    import spacy

    try:
        version = metadata.version(name)
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"{name}=={version};spacy=={spacy.__version__}"


def extract_all(
    articles: Iterable[Article], settings: Settings, on_article: Callable[[Article], None] | None = None
) -> Iterator[ArticleResult | ArticleError]:
    """Per-article extraction, streamed: a Doc lives only while its article is read. Articles found
    in the cache are not parsed again."""
    from kg.cache import Cache

    cache = Cache(settings.cache_dir, model_id(settings.model)) if settings.cache_dir else None
    to_parse: list[Article] = []
    for article in articles:
        hit = cache.get(article) if cache else None
        if hit is None:
            to_parse.append(article)
            continue
        yield hit
        if on_article is not None:
            on_article(article)
    if not to_parse:
        return
    if settings.executor == "dask":
        produced: Iterable[tuple[Article, ArticleResult | ArticleError]] = extract_with_dask(to_parse, settings)
    else:
        nlp = load_pipeline(settings.model)
        produced = ((a, extract_one(a, doc)) for a, doc in parse(to_parse, nlp, settings.batch_size, settings.jobs))
    for article, result in produced:
        if cache is not None and isinstance(result, ArticleResult):
            cache.put(result)
        yield result
        if on_article is not None:
            on_article(article)


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
            n_workers=max(1, settings.jobs), threads_per_worker=1, processes=True, dashboard_address=None
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
    corpus = read_corpus(paths, exclude=[settings.output_dir] if settings.output_dir else [])
    articles, problems = list(corpus.articles), list(corpus.problems)
    for problem in problems:
        log.info("%s", problem)
    if not articles:
        raise NoArticles(
            "no article could be read"
            + (": " + "; ".join(problems) if problems else " (put .txt or .md files in sources/)")
        )
    results: list[ArticleResult] = []
    for item in extract_all(articles, settings, on_article):
        if isinstance(item, ArticleError):
            problems.append(f"{item}; skipped")
        else:
            results.append(item)
    result = filter_confidence(replace(resolve(results), problems=tuple(problems)), settings.min_confidence)
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
