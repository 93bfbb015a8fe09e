"""Find and read articles: `.txt` and `.md`, with optional metadata.

Metadata (title, outlet, url, published) comes from YAML front matter at the top of the file, or from a
sidecar file next to it named `<article>.meta.json` (or `.meta.yaml`/`.meta.yml`); the sidecar wins.
Without a published date in the metadata, a date in the file name, else in the dateline, is used.
Offsets everywhere index into the article body, i.e. the text after any front matter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import frontmatter
import yaml

from kg.errors import ArticleError
from kg.types import Article

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
# spaCy's own limit on one text; a longer file is reported, not parsed for minutes.
MAX_ARTICLE_CHARS = 1_000_000
SIDECAR_SUFFIXES = (".meta.json", ".meta.yaml", ".meta.yml")
META_KEYS = ("title", "outlet", "url", "published")
# A file whose first KiB has this share of control characters is binary, not an article.
BINARY_CONTROL_SHARE = 0.1


def find_articles(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Article files under the given files/folders, sorted; and a message for each path that has none."""
    found: set[Path] = set()
    problems: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = [
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
            ]
            if not files:
                problems.append(f"{path}: no .txt, .md or .html articles in this folder (add some, or name another)")
            found.update(files)
        elif path.is_file():
            if path.suffix.lower() not in ARTICLE_SUFFIXES:
                problems.append(f"{path}: not a .txt, .md or .html file; skipped (save the article as plain text)")
            else:
                found.add(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return sorted(found), problems


def doc_id_for(path: Path) -> str:
    """A stable document id from the file name: lower-case, safe for IRIs."""
    stem = path.name
    for suffix in ARTICLE_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.").lower()
    return slug or hashlib.sha1(path.name.encode("utf-8")).hexdigest()[:12]


def decode(data: bytes, path: Path) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 with a warning."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16")
    head = data[:1024]
    if head and sum(b < 9 or 13 < b < 32 for b in head) / len(head) > BINARY_CONTROL_SHARE:
        raise ArticleError(str(path), "looks like a binary file, not text", "save the article as plain text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        log.warning("%s: not UTF-8; read as Windows-1252 (save it as UTF-8 to be sure)", path)
        return data.decode("cp1252", errors="replace")


def parse_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def read_sidecar(path: Path) -> dict:
    for suffix in SIDECAR_SUFFIXES:
        sidecar = path.with_name(path.name + suffix)
        if not sidecar.exists():
            stem_sidecar = path.with_suffix(suffix)
            sidecar = stem_sidecar if stem_sidecar.exists() else sidecar
        if sidecar.exists():
            raw = sidecar.read_text(encoding="utf-8")
            try:
                data = json.loads(raw) if suffix.endswith("json") else yaml.safe_load(raw)
            except (json.JSONDecodeError, yaml.YAMLError) as exc:
                raise ArticleError(str(sidecar), f"metadata cannot be parsed: {exc}", "fix or remove it") from exc
            return data if isinstance(data, dict) else {}
    return {}


def clean_meta(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def clean_url(value: object, path: Path) -> str | None:
    """Only http(s) URLs are kept: a `javascript:` or `data:` URL in metadata is dropped."""
    url = clean_meta(value)
    if url is None:
        return None
    if re.match(r"(?i)^https?://[^\s<>\"']+$", url):
        return url
    log.warning("%s: metadata url %r is not an http(s) URL; ignored", path, url[:80])
    return None


def html_to_text(raw: str, path: Path) -> tuple[str, dict]:
    """The main text and metadata of a web page, by trafilatura."""
    import trafilatura

    text = trafilatura.extract(raw, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise ArticleError(str(path), "no article text found in this HTML page", "save the article's text as .txt")
    meta: dict = {}
    info = trafilatura.extract_metadata(raw)
    if info is not None:
        meta = {"title": info.title, "outlet": info.sitename, "url": info.url, "published": info.date}
    return text, meta


def find_chrome(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of page chrome: widget labels and a line repeated right after itself (a byline
    printed twice). Kept as ranges so the text, and every offset into it, stays as it was."""
    ranges: list[tuple[int, int]] = []
    for match in re.finditer(
        r"(?im)^[ \t]*(select language|skip to (main )?content|advertisement)[ \t]*:?[ \t]*$", text
    ):
        ranges.append((match.start(), match.end()))
    lines = list(re.finditer(r"[^\n]+", text))
    for prev, cur in zip(lines, lines[1:], strict=False):
        same = prev.group().strip() == cur.group().strip()
        adjacent = "\n\n" not in text[prev.end() : cur.start()]
        short = len(prev.group().split()) <= 6
        if same and adjacent and short:
            ranges.append((prev.start(), prev.end()))
            ranges.append((cur.start(), cur.end()))
    return tuple(sorted(set(ranges)))


def read_article(path: str | Path) -> Article:
    """Read one article. Raises ArticleError (naming the file and what to do) when it cannot be used."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(str(path), f"cannot be read ({exc.strerror})", "check its permissions") from exc
    text = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
    meta: dict = {}
    if path.suffix.lower() in HTML_SUFFIXES:
        text, meta = html_to_text(text, path)
    elif text.lstrip("\ufeff").startswith("---"):
        try:
            post = frontmatter.loads(text)
            meta, text = dict(post.metadata), post.content
        except Exception as exc:  # malformed front matter: keep the text whole, say so
            log.warning("%s: front matter not understood (%s); read as plain text", path, exc)
    meta.update(read_sidecar(path))
    if not text.strip():
        raise ArticleError(str(path), "is empty", "put the article's text in it or remove the file")
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleError(
            str(path),
            f"is {len(text):,} characters, more than the {MAX_ARTICLE_CHARS:,} kg reads as one article",
            "split it into several files",
        )
    published, date_source = publication_date(meta, path, text)
    return Article(
        doc_id=doc_id_for(path),
        path=str(path),
        text=text,
        title=clean_meta(meta.get("title")) or first_line(text),
        outlet=clean_meta(meta.get("outlet") or meta.get("source")),
        url=clean_url(meta.get("url"), path),
        published=published,
        chrome=find_chrome(text),
        date_source=date_source,
    )


def publication_date(meta: dict, path: Path, text: str) -> tuple[dt.date | None, str | None]:
    """The publication date and where it was read, in this order: the metadata, a date in the file name
    ("VOA_EN_NW_2013.09.27.1234.txt"), a full date in the dateline. (None, None) when none says it:
    relative dates ("on Friday") then stay unresolved rather than guessed."""
    from kg.timex import FROM_DATELINE, FROM_FILE_NAME, FROM_METADATA, date_in_name, dateline_date

    for source, find in (
        (FROM_METADATA, lambda: parse_date(meta.get("published") or meta.get("date"))),
        (FROM_FILE_NAME, lambda: date_in_name(path.name)),
        (FROM_DATELINE, lambda: dateline_date(text)),
    ):
        found = find()
        if found is not None:
            return found, source
    return None, None


def first_line(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line and not re.fullmatch(r"(?i)select language:?", line):
            return line[:200]
    return None


def body_text(article: Article) -> str:
    """The text given to the parser: chrome blanked with spaces so offsets are unchanged."""
    if not article.chrome:
        return article.text
    chars = list(article.text)
    for start, end in article.chrome:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def read_articles(paths: Iterable[Path]) -> Iterator[Article | ArticleError]:
    """Each path read, or the error saying why it could not be; never raises for one bad file."""
    for path in paths:
        try:
            yield read_article(path)
        except ArticleError as exc:
            yield exc
