"""The shape of the extraction code, kept by tests: rules as data, short functions, literal rule names,
relation names only in the table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kg import relations

KG = Path(__file__).resolve().parents[2] / "kg"
RULE_NAME = re.compile(r"^[a-z]+(?:\.[a-z]+(?:-[a-z]+)*)+\.v\d+$")


def functions(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield path, node


def test_no_extraction_function_is_longer_than_50_lines():
    long = [
        f"{p.name}:{n.name} ({n.end_lineno - n.lineno + 1})"
        for p, n in functions(KG / "extract")
        if n.end_lineno - n.lineno + 1 > 50
    ]
    assert not long, long


def test_rule_names_are_literals():
    """Every versioned rule name is written out whole, so grep finds the rule that said a fact."""
    for path in sorted((KG / "extract").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                text = ast.unparse(node)
                assert not re.search(r"\.v\d", text), f"{path.name}: a rule name built by an f-string: {text}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.search(r"\.v\d+$", node.value):
                assert RULE_NAME.match(node.value), (path.name, node.value)


def test_the_patterns_are_data_for_spacy_matchers():
    text = "\n".join(p.read_text(encoding="utf-8") for p in (KG / "extract").rglob("*.py"))
    assert "DependencyMatcher(" in text and "Matcher(" in text


def test_relation_names_are_listed_only_in_the_table():
    names = [r.name for r in relations.RELATION_TYPES]
    for path in sorted(KG.rglob("*.py")):
        if path.name == "relations.py":
            continue
        source = path.read_text(encoding="utf-8")
        for name in names:
            assert f'"{name}"' not in source, f"{path.relative_to(KG)} names the relation {name!r}"


def test_every_family_declares_its_trigger_words():
    import importlib

    for module in relations.extractor_modules():
        family = importlib.import_module(module)
        assert isinstance(family.TRIGGER_LEMMAS, frozenset), module
        assert callable(family.extract), module
