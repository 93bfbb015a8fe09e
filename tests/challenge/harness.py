"""Score kg's extraction on the challenge set: precision and recall per phenomenon and per relation.

    .venv/bin/python -m tests.challenge.harness [--show] [--split development|heldback] [--only PREFIX]

A system fact matches an expected one when the predicate is the same and each end's name (or one of
its aliases) equals the expected name (or one of its "|"-separated alternatives), ignoring case, dots
and a leading "the"; spokeWith and metWith match in either direction. Precision is judged on the
predicates a passage speaks about (those in its expect or must_not lists): a true fact of another kind
that the passage does not annotate is not counted against the system. A must_not claim asserted
with any status is a violation (and a false positive).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.relations import SYMMETRIC
from kg.types import BuildResult

SCORED = ("spokeWith", "metWith", "metAt", "released", "visited", "affiliatedWith", "locatedIn")


def norm(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip().casefold().replace(".", "").replace("\u2019", "'"))
    return re.sub(r"\s+", " ", name)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    violations: int = 0
    status_right: int = 0
    status_checked: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    overall: Counts = field(default_factory=Counts)
    by_group: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_relation: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    errors: list[str] = field(default_factory=list)


def system_facts(result: BuildResult) -> set[tuple[frozenset[str], str, frozenset[str], str]]:
    names = {e.id: frozenset(norm(n) for n in (e.name, *e.aliases)) for e in result.entities}
    return {
        (names[r.subject], r.predicate, names[r.object], r.status) for r in result.relations if r.predicate in SCORED
    }


def matches(fact_names: frozenset[str], expected: str) -> bool:
    """`expected` may list alternatives, "City|Country": any one is right (as in the seeds' gold)."""
    return any(norm(option) in fact_names for option in expected.split("|"))


def same(fact: tuple, s: str, p: str, o: str) -> bool:
    fs, fp, fo, _ = fact
    if fp != p:
        return False
    if matches(fs, s) and matches(fo, o):
        return True
    return p in SYMMETRIC and matches(fs, o) and matches(fo, s)


def score_passages(passages: list[dict], extract: Callable[[str, dt.date | None], BuildResult]) -> Report:
    report = Report()
    for passage in passages:
        published = dt.date.fromisoformat(passage["published"]) if passage.get("published") else None
        facts = system_facts(extract(passage["text"], published))
        judged = {e[1] for e in passage["expect"]} | {m[1] for m in passage["must_not"]}
        asserted = {f for f in facts if f[3] != "intended"}
        buckets = [report.overall, report.by_group[passage["group"]]]
        for s, p, o, status in passage["expect"]:
            hits = [f for f in facts if same(f, s, p, o)]
            for c in [*buckets, report.by_relation[p]]:
                if hits:
                    c.tp += 1
                    c.status_checked += 1
                    c.status_right += any(f[3] == status for f in hits)
                else:
                    c.fn += 1
            if not hits:
                report.errors.append(f"{passage['id']}: missed {s} {p} {o} [{status}]")
        for fact in asserted:
            if fact[1] not in judged or any(same(fact, s, p, o) for s, p, o, _ in passage["expect"]):
                continue
            for c in [*buckets, report.by_relation[fact[1]]]:
                c.fp += 1
            violated = any(same(fact, s, p, o) for s, p, o in passage["must_not"])
            if violated:
                for c in buckets:
                    c.violations += 1
            label = "VIOLATION" if violated else "false"
            report.errors.append(f"{passage['id']}: {label} {sorted(fact[0])[0]} {fact[1]} {sorted(fact[2])[0]}")
    return report


def format_report(report: Report) -> str:
    def row(name: str, c: Counts) -> str:
        return (
            f"{name:16} {c.tp:4} {c.fp:4} {c.fn:4}  P={c.precision:.2f} R={c.recall:.2f} F1={c.f1:.2f}"
            f"  must-not={c.violations}"
        )

    lines = ["group              tp   fp   fn"]
    lines += [row(g, c) for g, c in sorted(report.by_group.items())]
    lines += ["", "relation           tp   fp   fn"]
    lines += [row(r, c) for r, c in sorted(report.by_relation.items())]
    o = report.overall
    lines += ["", row("overall", o), f"status right on {o.status_right}/{o.status_checked} matched facts"]
    return "\n".join(lines)


def main() -> None:
    from kg.pipeline import extract_text
    from tests.challenge.passages import passages

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list every missed and false fact")
    ap.add_argument("--only", default="", help="score only passages whose id starts with this (e.g. 'titles')")
    ap.add_argument(
        "--split",
        choices=("all", "development", "heldback"),
        default="all",
        help="the development passages the rules were fixed on, the held-back ones, or all",
    )
    args = ap.parse_args()
    chosen = [p for p in passages(args.split) if p["id"].startswith(args.only)]
    report = score_passages(chosen, lambda text, published: extract_text(text, published))
    print(format_report(report))
    if args.show:
        print("\n".join(report.errors))


if __name__ == "__main__":
    main()
