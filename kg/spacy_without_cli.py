"""spaCy imported without its command line, for a process that only parses.

`import spacy` imports spaCy's whole command line (typer, rich, weasel, requests: a third of the import,
a fifth of a second) only to offer `spacy.info`. The process that parses new articles beside a build
waits for that import before its first parse, so it imports spaCy with a stand-in for the one module
`spacy/__init__.py` takes from the command line; `spacy.info` still works (it imports the real one when
called), and a later `import spacy.cli` imports the real command line, since the stand-ins are gone
once spaCy is in.
"""

from __future__ import annotations

import logging
import sys
import types

log = logging.getLogger(__name__)


def info(*args: object, **kwargs: object) -> object:
    """`spacy.info`, its module imported when first called."""
    from spacy.cli.info import info as real_info

    return real_info(*args, **kwargs)


def import_spacy() -> None:
    """Import spaCy, its command line left out; a plain import when spaCy is in already or the stand-in
    does not fit this version of spaCy."""
    if "spacy" in sys.modules:
        return
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package: "spacy.cli.info" is its module
    cli_info = types.ModuleType("spacy.cli.info")
    cli_info.info = info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": cli_info}
    if any(name in sys.modules for name in stand_ins):
        return
    sys.modules.update(stand_ins)
    try:
        import spacy  # noqa: F401
    except (ImportError, AttributeError) as exc:  # spaCy wants more of its command line than the stand-in has
        log.debug("spaCy needs its command line (%s): imported whole", exc)
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    import spacy  # noqa: F401, F811 - the plain import, when the first failed
