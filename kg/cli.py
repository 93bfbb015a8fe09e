"""The `kg` command: a thin layer over kg.pipeline and kg.query. The only module that prints.

Every failure ends with a one-line message and a non-zero exit status; `kg --debug ...` shows the traceback.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path

import click

from kg import DEFAULT_BATCH_SIZE, DEFAULT_MODEL, __version__
from kg.errors import KgError
from kg.query import DEFAULT_TIMEOUT


def one_line(text: str) -> str:
    return " ".join(str(text).split())


class KgGroup(click.Group):
    """Turns every exception into a one-line message (KgError's own, else its type and text), unless --debug."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KgError as exc:
            if ctx.params.get("debug"):
                raise
            raise click.ClickException(one_line(str(exc))) from exc
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            raise click.ClickException(
                one_line(f"unexpected {type(exc).__name__}: {exc}")
                + " (run `kg --debug ...` to see where; please report it)"
            ) from exc


@click.group(cls=KgGroup)
@click.version_option(__version__, prog_name="kg")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
@click.option("--debug", is_flag=True, help="Show the traceback of a failure (and debug logs).")
def main(verbose: bool, debug: bool) -> None:
    """Build a knowledge graph of who spoke with, met, released and visited whom from news articles."""
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(message)s")


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
@click.option(
    "--jobs",
    default="auto",
    show_default=True,
    help="Parser processes: a number, or auto (every core once there is enough text to pay for starting them).",
)
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
@click.option(
    "--timings",
    "timings_path",
    default=None,
    type=click.Path(path_type=Path),
    help="Write the seconds spent per stage (JSON) to this file.",
)
def build(
    sources: tuple[Path, ...],
    output_dir: Path,
    model: str,
    batch_size: int,
    jobs: str,
    min_confidence: float,
    progress: bool | None,
    cache: bool,
    executor: str,
    scheduler: str | None,
    max_nodes: int,
    focus: str | None,
    timings_path: Path | None,
) -> None:
    """Read articles (files or folders; default sources/) and write the graph to OUTPUT."""
    import json
    import time

    from kg import timings
    from kg.outputs import output_lock
    from kg.pipeline import Settings, build_outputs
    from kg.sources import find_articles

    started = time.perf_counter()
    record = timings.reset()

    paths = list(sources) or [Path("sources")]
    settings = Settings(
        model=model,
        batch_size=batch_size,
        jobs=parse_jobs(jobs),
        min_confidence=min_confidence,
        cache_dir=output_dir / ".cache" if cache else None,
        executor=executor,
        scheduler=scheduler,
        output_dir=output_dir,
    )

    def waiting() -> None:
        click.echo(f"kg build: another build is writing into {output_dir}; waiting for it to finish", err=True)

    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(f"{output_dir}: cannot write there ({exc.strerror}); pass another -o") from exc
    with output_lock(output_dir, on_wait=waiting):
        show_bar = sys.stderr.isatty() if progress is None else progress
        total = len(find_articles(paths, exclude=[output_dir])[0])
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
            built = build_outputs(paths, output_dir, settings, max_nodes=max_nodes, focus=focus, on_article=advance)
        finally:
            if bar is not None:
                bar.close()
    for problem in built.problems:
        click.echo(f"warning: {problem}", err=True)
    record.add("total", time.perf_counter() - started)
    logging.getLogger("kg").info("stage seconds: %s", record.as_dict())
    if timings_path is not None:
        timings_path.write_text(json.dumps(record.as_dict(), indent=1), encoding="utf-8")
    click.echo(built.summary)
    if built.unchanged:
        click.echo(f"nothing changed since the last build: {output_dir} is up to date")
        return
    for path in built.written.values():
        click.echo(f"wrote {path}")
    BUILD_DONE["built"] = built


# When Python exits it frees every object one by one: after a big build (millions of them) a third of a
# second the user waits for, to give memory back that the process's end gives back anyway. The `kg`
# program skips that once a build has written its outputs (files written, the store flushed and closed,
# the forked processes waited for), and keeps what the build made (its result and graph) to that end
# rather than free it as the command returns; a build run inside Python (tests, notebooks) is not affected.
BUILD_DONE: dict[str, object] = {}


def run() -> None:
    """The `kg` program: main(), and after a build that wrote its outputs, an exit without teardown."""
    try:
        main()
    except SystemExit as exc:
        if exc.code not in (0, None) or "built" not in BUILD_DONE:
            raise
    if "built" in BUILD_DONE:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def parse_jobs(value: str) -> int | None:
    if value.strip().lower() == "auto":
        return None
    try:
        jobs = int(value)
    except ValueError:
        raise click.BadParameter(f"{value!r}: give a number of processes, or auto", param_hint="--jobs") from None
    if jobs < 1:
        raise click.BadParameter("give at least 1 process, or auto", param_hint="--jobs")
    return jobs


def graph_option(verb: str):
    return click.option(
        "--graph",
        "graph_path",
        default="output/graph.ttl",
        show_default=True,
        type=click.Path(path_type=Path),
        help=f"The Turtle file to {verb} (or the output folder holding it).",
    )


@main.command()
@click.argument("query_or_file")
@graph_option("query")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option(
    "--timeout",
    default=DEFAULT_TIMEOUT,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds the query may run before it is stopped (0: no limit).",
)
def query(query_or_file: str, graph_path: Path, fmt: str, timeout: float) -> None:
    """Run a SPARQL query (text, or a .rq/.sparql file) over the graph: SELECT, ASK, CONSTRUCT or DESCRIBE.
    kg's prefixes are predeclared; SERVICE is refused."""
    from kg.query import format_table, read_query
    from kg.sparql import query_graph

    table = query_graph(graph_path, read_query(query_or_file), timeout=timeout or None)
    click.echo(format_table(table, fmt))


@main.command()
@graph_option("check")
def check(graph_path: Path) -> None:
    """Validate a built graph against kg's SHACL shapes (kg/data/shapes.ttl); an empty graph fails."""
    from kg.check import check_graph, format_report

    report = check_graph(graph_path)
    click.echo(format_report(report))
    if not report.conforms:
        sys.exit(1)


@main.command()
@click.option(
    "--graph",
    "graph_path",
    default="output/graph.ttl",
    show_default=True,
    type=click.Path(path_type=Path),
    help="The Turtle file to serve (or the output folder holding it).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=7878, show_default=True)
@click.option(
    "--timeout",
    default=DEFAULT_TIMEOUT,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds one query may run before it is stopped.",
)
@click.option("--max-rows", default=100_000, show_default=True, type=click.IntRange(min=1), help="Results per query.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(min=1), help="Query processes.")
@click.option("--cors", default=None, metavar="ORIGIN", help="Let pages of this one origin read the responses.")
@click.option(
    "--queries",
    "queries_dir",
    default=None,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of ready-made .rq queries for the query page (default: ./queries).",
)
def serve(
    graph_path: Path,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int,
    cors: str | None,
    queries_dir: Path | None,
) -> None:
    """Serve the graph until Ctrl-C: the SPARQL 1.1 endpoint at /sparql (read-only, bounded), a query page at /
    and the graph page at /graph."""
    from kg.serve import ServeSettings, default_queries, make_server

    settings = ServeSettings(
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        workers=workers,
        cors=cors,
        queries=queries_dir or default_queries(),
    )
    try:
        server, url = make_server(graph_path, settings)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port} ({exc.strerror}); pass another --port") from exc
    click.echo(f"SPARQL endpoint: {url}  query page: {url.removesuffix('sparql')}  (Ctrl-C to stop)")

    def stop(_signal: int, _frame: object) -> None:  # a service manager's SIGTERM: stop as Ctrl-C does
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    run()
