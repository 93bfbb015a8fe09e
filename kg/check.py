"""Validate a built graph against kg's SHACL contract (kg/data/shapes.ttl) with pyshacl."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import RDF, Graph, Namespace
from rdflib.namespace import SH

from kg.errors import KgError

KG = Namespace("https://kg.example/vocab#")


class CheckError(KgError):
    """The graph file cannot be read."""


@dataclass(frozen=True)
class CheckReport:
    conforms: bool
    violations: tuple[str, ...]
    statements: int
    entities: int


def shapes() -> Graph:
    g = Graph()
    g.parse(data=(resources.files("kg") / "data" / "shapes.ttl").read_text(encoding="utf-8"), format="turtle")
    return g


def check_graph(path: str | Path) -> CheckReport:
    """Every entity has one label and a type; every statement its source, evidence and status."""
    import pyshacl

    from kg.query import graph_file

    try:
        path = graph_file(path)
    except KgError as exc:
        raise CheckError(str(exc)) from exc
    data = Graph()
    try:
        data.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds of parse errors
        raise CheckError(f"{path}: not valid Turtle ({' '.join(str(exc).split())[:300]})") from exc
    if not set(data.subjects(KG.entityType, None)) and not set(data.subjects(RDF.type, RDF.Statement)):
        raise CheckError(f"{path}: an empty graph, with no entities and no statements (did the build read articles?)")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes(), inference="none", advanced=False)
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        prop = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        violations.append(f"{focus} {prop}: {message}")
    return CheckReport(
        conforms=bool(conforms),
        violations=tuple(sorted(violations)),
        statements=len(set(data.subjects(RDF.type, RDF.Statement))),
        entities=len(set(data.subjects(KG.entityType, None))),
    )


def format_report(report: CheckReport, limit: int = 50) -> str:
    if report.conforms:
        return f"ok: {report.statements} statements and {report.entities} entities conform to kg's shapes"
    lines = [f"{len(report.violations)} violations of kg's shapes:"]
    lines += [f"- {v}" for v in report.violations[:limit]]
    if len(report.violations) > limit:
        lines.append(f"... and {len(report.violations) - limit} more")
    return "\n".join(lines)
