"""The unit cases of a family, read from tests/extract/cases/<family>.txt, and the two ways of
checking facts: on a hand-built parse with one family (no model), and through the whole pipeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kg.relations import SYMMETRIC
from tests.parses import NEWLINE, facts

CASES_DIR = Path(__file__).parent / "cases"


@dataclass(frozen=True)
class Case:
    text: str
    table: str
    expected: tuple[tuple[str, ...], ...]  # (subject, relation, object[, status])
    forbidden: tuple[tuple[str, str, str], ...]

    @property
    def id(self) -> str:
        return self.text[:48]


def load_cases(family: str) -> list[Case]:
    cases = []
    for block in (CASES_DIR / f"{family}.txt").read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("# ")]
        if not lines:
            continue
        assert lines[0].startswith("## "), lines[0]
        text = lines[0][3:].replace(NEWLINE, "\n")
        expected = tuple(tuple(x.strip() for x in line[3:].split("|")) for line in lines if line.startswith("=> "))
        forbidden = tuple(tuple(x.strip() for x in line[3:].split("|")) for line in lines if line.startswith("!= "))
        table = "\n".join(line for line in lines[1:] if line[:3] not in {"=> ", "!= "})
        cases.append(Case(text, table, expected, forbidden))  # type: ignore[arg-type]
    return cases


def has(found: set, s: str, p: str, o: str, status: str | None = None) -> bool:
    if p in SYMMETRIC:
        s, o = sorted((s, o))
    return any(f[0] == s and f[1] == p and f[2] == o and (status is None or f[3] == status) for f in found)


def check_unit(case: Case, family) -> None:
    found = facts(case.text, case.table, family)
    for s, p, o, *status in case.expected:
        assert has(found, s, p, o, *status), (s, p, o, found)
    asserted = {f for f in found if f[3] != "intended"}
    for s, p, o in case.forbidden:
        assert not has(asserted, s, p, o), (s, p, o, found)


def model_facts(text: str, published: dt.date | None = None) -> set[tuple[str, str, str, str]]:
    """Facts of a text through the whole pipeline and the real model (names resolved)."""
    from kg.pipeline import extract_text

    result = extract_text(text, published)
    names = {e.id: e.name for e in result.entities}
    out = set()
    for r in result.relations:
        s, o = names[r.subject], names[r.object]
        if r.predicate in SYMMETRIC:
            s, o = sorted((s, o))
        out.add((s, r.predicate, o, r.status))
    return out


def unit_test(family, name: str):
    """The unit test of a family: every case of tests/extract/cases/<name>.txt, one parametrized test."""
    import pytest

    cases = load_cases(name)

    @pytest.mark.parametrize("case", cases, ids=[c.id for c in cases])
    def test(case: Case) -> None:
        check_unit(case, family)

    return test


def model_test(cases: list):
    """Sentences through the whole pipeline: (text, [(subject, relation, object[, status]), ...])."""
    import pytest

    @pytest.mark.model
    @pytest.mark.parametrize("text, expected", cases, ids=[c[0][:40] for c in cases])
    def test(text: str, expected: list) -> None:
        found = model_facts(text, dt.date(2024, 5, 10))
        for s, p, o, *status in expected:
            assert has(found, s, p, o, *status), (s, p, o, found)

    return test
