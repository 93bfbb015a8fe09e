"""The `kg` command: a thin layer over kg.pipeline and kg.query. The only module that prints."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError, NoArticles
from kg.nlp import DEFAULT_BATCH_SIZE, DEFAULT_MODEL


@click.group()
@click.version_option(__version__, prog_name="kg")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
def main(verbose: bool) -> None:
    """Build a knowledge graph of who spoke with, met, released and visited whom from news articles."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_dir",
    default="output",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder to write graph.ttl, graph.html, graph.json, graph.graphml, merges.json, facts.csv and neo4j/ into.",
)
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Any installed spaCy pipeline.")
@click.option("--batch-size", default=DEFAULT_BATCH_SIZE, show_default=True, help="Articles per spaCy batch.")
@click.option("--jobs", default=1, show_default=True, help="Parser processes.")
@click.option("--min-confidence", default=0.0, show_default=True, help="Drop relations below this confidence.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Reuse per-article extraction from OUTPUT/.cache (only changed articles are parsed).",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where per-article extraction runs: this process, or a Dask cluster.",
)
@click.option("--max-nodes", default=400, show_default=True, help="Entities drawn in graph.html (most connected).")
@click.option("--focus", default=None, help="Draw only this entity's neighbourhood in graph.html (name or id).")
@click.option("--scheduler", default=None, help="Dask scheduler address (default: a LocalCluster of --jobs workers).")
def build(
    sources: tuple[Path, ...],
    output_dir: Path,
    model: str,
    batch_size: int,
    jobs: int,
    min_confidence: float,
    progress: bool | None,
    cache: bool,
    executor: str,
    scheduler: str | None,
    max_nodes: int,
    focus: str | None,
) -> None:
    """Read articles (files or folders; default sources/) and write the graph to OUTPUT."""
    from kg.pipeline import Settings, write_outputs
    from kg.pipeline import build as run_build
    from kg.sources import find_articles

    paths = list(sources) or [Path("sources")]
    settings = Settings(
        model=model,
        batch_size=batch_size,
        jobs=jobs,
        min_confidence=min_confidence,
        cache_dir=output_dir / ".cache" if cache else None,
        executor=executor,
        scheduler=scheduler,
    )
    show_bar = sys.stderr.isatty() if progress is None else progress
    total = len(find_articles(paths)[0])
    bar = None
    if show_bar:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="article", desc="kg build")
    done = [0]

    def advance(_article: object) -> None:
        if bar is not None:
            bar.update(1)
            return
        done[0] += 1  # not a terminal: a plain line every tenth of the way
        if total >= 20 and done[0] % max(1, total // 10) == 0:
            click.echo(f"kg build: {done[0]}/{total} articles read", err=True)

    try:
        result = run_build(paths, settings, on_article=advance)
    except NoArticles as exc:
        raise click.ClickException(str(exc)) from exc
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if bar is not None:
            bar.close()
    for problem in result.problems:
        click.echo(f"skipped: {problem}", err=True)
    try:
        written = write_outputs(result, output_dir, max_nodes=max_nodes, focus=focus)
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    from kg.graph import counts, to_networkx

    click.echo(counts(to_networkx(result)).describe())
    for path in written.values():
        click.echo(f"wrote {path}")


@main.command()
@click.argument("query_or_file")
@click.option(
    "--graph",
    "graph_path",
    default="output/graph.ttl",
    show_default=True,
    type=click.Path(path_type=Path),
    help="The Turtle file to query.",
)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(query_or_file: str, graph_path: Path, fmt: str) -> None:
    """Run a SPARQL query (text, or a .rq/.sparql file) over the graph. kg's prefixes are predeclared."""
    from kg.query import format_table, query_file, read_query

    try:
        table = query_file(graph_path, read_query(query_or_file))
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(format_table(table, fmt))


@main.command()
@click.option("--graph", "graph_path", default="output/graph.ttl", show_default=True, type=click.Path(path_type=Path))
def check(graph_path: Path) -> None:
    """Validate a built graph against kg's SHACL shapes (kg/data/shapes.ttl)."""
    from kg.check import check_graph, format_report

    try:
        report = check_graph(graph_path)
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(format_report(report))
    if not report.conforms:
        sys.exit(1)


@main.command()
@click.option("--graph", "graph_path", default="output/graph.ttl", show_default=True, type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=7878, show_default=True)
def serve(graph_path: Path, host: str, port: int) -> None:
    """Serve the graph as a SPARQL 1.1 Protocol endpoint until Ctrl-C."""
    from kg.serve import make_server

    try:
        server, url = make_server(graph_path, host, port)
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"SPARQL endpoint: {url}  (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
