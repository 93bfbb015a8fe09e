"""Text hygiene: what may reach names, labels and outputs.

Articles are cleaned once, when read (`clean_article_text`): control characters (C0 and C1, except tab and
newline) are noise from copy-paste or a broken encoding, and an ESC inside a name would end up in every
output; what XML 1.0 and UTF-8 cannot carry (lone surrogates, U+FFFE/U+FFFF) is replaced. An article's
extraction result is checked once, when it is made (`safe_result`), so a build's graph, made of the results
of articles read and extracted this way, holds only safe strings without a walk of its own at every build.
Exporters are given strings through `safe_string`, and a graph or result from anywhere else is checked and
cleaned whole (kg.export.safe), so metadata, file names and any other string from outside can never break
the Turtle, GraphML, JSON or HTML written from them.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TypeVar

T = TypeVar("T")

# Separators that stand between lines or pages (VT, FF, FS..US, NEL, LS, PS): read as line breaks, so two
# paragraphs never run together.
LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
# Every other control character except tab and newline (carriage returns are normalised before this).
CONTROLS = re.compile("[\x00-\x08\x0d\x0e-\x1b\x7f-\x84\x86-\x9f]")
# What XML 1.0 cannot carry even escaped, and what UTF-8 cannot encode (lone surrogates).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
UNSAFE_REPLACEMENTS = {"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n"}


def clean_article_text(text: str) -> str:
    """An article's text with line separators as newlines, other control characters removed, and what no
    output can carry replaced (safe_string)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")  # a byte-order mark is no text
    return safe_string(CONTROLS.sub("", LINE_BREAKS.sub("\n", text)))


def control_share(text: str) -> float:
    """The share of characters that no article contains: controls other than tab, newline, CR and FF."""
    if not text:
        return 0.0
    return len(re.findall("[\x00-\x08\x0b\x0e-\x1f\x7f]", text)) / len(text)


def safe_string(text: str) -> str:
    """A string every exporter can write: no control characters but tab and newline, no lone surrogates,
    no non-characters. Unchanged (the same object) when already safe, which is the common case."""
    if text.isprintable() or not UNSAFE.search(text):  # every character UNSAFE matches is unprintable
        return text
    return UNSAFE.sub(lambda m: UNSAFE_REPLACEMENTS.get(m.group(), "\ufffd" if m.group() >= "\ud800" else ""), text)


def is_safe_value(value: object) -> bool:
    """No string inside lists, tuples and dicts (keys included) that safe_value would change. A loop over
    a stack, not a recursion: a graph's attributes hold millions of values, and a call each costs seconds."""
    stack = [value]
    pop, push, push_all = stack.pop, stack.append, stack.extend
    while stack:
        item = pop()
        kind = item.__class__
        if kind is str:
            # every character UNSAFE matches is unprintable, and the check for that is cheaper
            if not item.isprintable() and UNSAFE.search(item):
                return False
        elif kind is int or kind is float or item is None:
            continue
        elif kind is dict:
            push_all(item)
            push_all(item.values())
        elif kind is list or kind is tuple:
            push_all(item)
        elif is_dataclass_instance(item):  # an extraction result and what it holds: their fields' values
            push_all(getattr(item, f.name) for f in dataclasses.fields(item))
        elif isinstance(item, str):  # subclasses: as their plain values
            push(str.__str__(item))
        elif isinstance(item, dict):
            push(dict(item))
        elif isinstance(item, list | tuple):
            push(list(item))
    return True


def safe_value(value: object) -> object:
    """`safe_string` applied to every string inside lists, tuples, dicts (keys included) and dataclass
    instances (a copy with each field made safe)."""
    if isinstance(value, str):
        return safe_string(value)
    if is_dataclass_instance(value):
        return dataclasses.replace(
            value,  # type: ignore[type-var]
            **{f.name: safe_value(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init},
        )
    if isinstance(value, list | tuple):
        return type(value)(safe_value(v) for v in value)
    if isinstance(value, dict):
        return {safe_value(k): safe_value(v) for k, v in value.items()}
    return value


def is_dataclass_instance(value: object) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def safe_result(result: T) -> T:
    """An article's extraction result with only safe strings: the result itself when it has none that
    safe_string would change (the common case: its article was cleaned when read), else a cleaned copy."""
    return result if is_safe_value(result) else safe_value(result)  # type: ignore[return-value]
