"""Find and read articles: `.txt`, `.md` and `.html`, with optional metadata.

Metadata (title, outlet, url, published) comes from YAML front matter at the top of the file, or from a
sidecar file next to it named `<article>.meta.json` (or `.meta.yaml`/`.meta.yml`); the sidecar wins.
Without a published date in the metadata, a date in the file name, else in the dateline, is used.
Offsets everywhere index into the article body, i.e. the text after any front matter.

A document's id is its path relative to the source folder it was found in, made IRI-safe; files whose ids
would coincide get a short hash of their path, so two files never share an id. Files with exactly the same
text are one document that lists every path. Anything that cannot be used (a file, a sidecar, a folder, a
link) is reported by name with what to do, and the rest is read.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import hashlib
import json
import logging
import os
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import frontmatter
import yaml

from kg.errors import ArticleError
from kg.textsafe import clean_article_text, control_share, safe_string
from kg.types import Article

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
# spaCy's own limit on one text; a longer file is reported, not parsed for minutes.
MAX_ARTICLE_CHARS = 1_000_000
SIDECAR_SUFFIXES = (".meta.json", ".meta.yaml", ".meta.yml")
MAX_SIDECAR_BYTES = 1_000_000
TEXT_KEYS = ("title", "outlet", "source", "url")
DATE_KEYS = ("published", "date")
# Binary tests on a sample of the file: text never has NULs, rarely a control character, and text that is not
# UTF-8 is Windows-1252 with few bytes above 0x7f; random or compressed bytes have half of them.
SAMPLE_BYTES = 64 * 1024
MAX_CONTROL_SHARE = 0.1
MAX_HIGH_BYTE_SHARE = 0.3
MAX_BAD_UTF8_SHARE = 0.01
# bytes Windows-1252 leaves undefined: in a "cp1252" file they mean it is something else
CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# kg's own outputs: never read as articles, even when the output folder lies among the sources
OUTPUT_MARKER = "manifest.json"
OUTPUT_NAMES = frozenset({"graph.html"})


@dataclass(frozen=True)
class SourceFile:
    """An article file as found: its path, its path relative to the source folder, and that folder as given."""

    path: Path
    relative: str  # with "/" separators
    root: str


@dataclass(frozen=True)
class Reading:
    """What reading one file gave (the article, or why it cannot be used, and notes on its metadata),
    with the file facts (kg.sources.file_facts) that tell whether reading it again would give the same."""

    facts: tuple
    article: Article | None
    error: str | None  # why it cannot be used, naming the file and what to do
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Corpus:
    articles: tuple[Article, ...]
    problems: tuple[str, ...]  # one line each, naming the file and saying what was done and what to do
    readings: dict[str, Reading] = field(default_factory=dict)  # by path: those a later read may reuse
    read: int = 0  # files read from the disk (the others were known unchanged)


def is_output_folder(folder: Path) -> bool:
    """A folder kg has written a build into (it holds kg's manifest)."""
    from kg.outputs import read_manifest

    return (folder / OUTPUT_MARKER).is_file() and read_manifest(folder) is not None


def find_articles(
    paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()
) -> tuple[list[SourceFile], list[str]]:
    """Article files under the given files and folders, sorted; and a message for each path that has none,
    each folder that cannot be read and each link that is not followed. Folders in `exclude` (the output
    folder) and hidden folders are not searched; symbolic links are followed only to files inside the given
    folders, never out of them."""
    given = [Path(p) for p in paths]
    roots = [real(p) for p in given if p.is_dir()]
    excluded = {real(Path(p)) for p in exclude}
    found: dict[Path, SourceFile] = {}
    problems: list[str] = []
    for path in given:
        if path.is_dir():
            files = list(walk(path, roots, excluded, problems))
            if not files:
                problems.append(f"{path}: no .txt, .md or .html articles in this folder (add some, or name another)")
            for f in files:
                found.setdefault(f.path, f)
        elif path.is_file():
            if path.suffix.lower() not in ARTICLE_SUFFIXES:
                problems.append(f"{path}: not a .txt, .md or .html file; skipped (save the article as plain text)")
            else:
                found.setdefault(path, SourceFile(path, path.name, str(path.parent)))
        elif path.is_symlink():
            problems.append(f"{path}: a link to nothing; skipped")
        else:
            problems.append(f"{path}: no such file or folder")
    return sorted(found.values(), key=lambda f: (f.relative, f.root)), problems


def real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop: compare it as written
        return path.absolute()


def inside(path: Path, folders: Iterable[Path]) -> bool:
    return any(path == f or path.is_relative_to(f) for f in folders)


def walk(root: Path, roots: list[Path], excluded: set[Path], problems: list[str]) -> Iterator[SourceFile]:
    """Article files under one source folder. Links to folders are not followed: one inside the sources is
    read through its real path anyway, one outside them or back up the tree (a loop) is reported."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append(f"{folder}: this folder cannot be read ({exc.strerror}); skipped (check its permissions)")
            continue
        output_here = real(folder) in excluded or is_output_folder(folder)
        if output_here and folder != root:
            log.info("%s: kg's output folder; not read as input", folder)
            continue
        for entry in entries:
            if entry.name.startswith("."):  # hidden: .git, .cache, kg's own staging folders
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                if not link_allowed(path, roots, problems):
                    continue
                if path.is_dir():
                    continue
            elif entry.is_dir(follow_symlinks=False):
                stack.append(path)
                continue
            if path.suffix.lower() not in ARTICLE_SUFFIXES or (output_here and entry.name in OUTPUT_NAMES):
                continue
            if not path.is_file():
                problems.append(f"{path}: not a regular file (a pipe or a device); skipped")
                continue
            yield SourceFile(path, path.relative_to(root).as_posix(), str(root))


def link_allowed(link: Path, roots: list[Path], problems: list[str]) -> bool:
    """Whether a symbolic link found in a source folder may be read: it must lead to a file inside the
    source folders. Loops, broken links and links that leave the sources are reported."""
    try:
        target = link.resolve(strict=True)
    except RuntimeError:
        problems.append(f"{link}: a symbolic link loop; not followed")
        return False
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            problems.append(f"{link}: a symbolic link loop; not followed")
        else:
            problems.append(f"{link}: a link to {os.readlink(link)}, which does not exist; skipped")
        return False
    if target.is_dir():
        if inside(real(link.parent), [target]):
            problems.append(f"{link}: a link to {target}, a folder that contains it (a loop); not followed")
        elif not inside(target, roots):
            problems.append(f"{link}: a link to {target}, outside the source folders; not followed")
        return False
    if not inside(target, roots):
        suffix = link.suffix.lower()
        if suffix in ARTICLE_SUFFIXES:
            problems.append(
                f"{link}: a link to {target}, outside the source folders; not followed "
                "(copy the file in if it is an article)"
            )
        return False
    return True


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.").lower()


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogateescape")).hexdigest()[:8]


def strip_article_suffix(name: str) -> str:
    for suffix in ARTICLE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def base_id(relative: str) -> str:
    """A readable id from a relative path: each folder and the file name as a lower-case slug, joined by
    "/" (a name with no letter or digit becomes a short hash)."""
    parts = relative.split("/")
    parts[-1] = strip_article_suffix(parts[-1])
    return "/".join(slug(part) or short_hash(part) for part in parts if part)


def doc_id_for(path: Path) -> str:
    """The id of a file read on its own: its name as a slug."""
    return base_id(path.name)


def assign_ids(files: Iterable[SourceFile]) -> dict[SourceFile, str]:
    """A unique id for every file. Ids that would coincide ("a b.txt" and "a-b.txt", or "story.txt" in two
    source folders) get a short hash of the path that tells them apart; so an id depends only on the paths
    of the files that share its readable form."""
    files = list(files)
    groups: dict[str, list[SourceFile]] = defaultdict(list)
    for f in files:
        groups[base_id(f.relative)].append(f)
    ids: dict[SourceFile, str] = {}
    for base, members in groups.items():
        if len(members) == 1:
            ids[members[0]] = base
            continue
        relatives_unique = len({m.relative for m in members}) == len(members)
        for m in members:
            ids[m] = f"{base}-{short_hash(m.relative if relatives_unique else m.root + '/' + m.relative)}"
    taken: set[str] = set()
    for f in sorted(files, key=lambda f: (ids[f], f.root, f.relative)):  # a hash equal to another file's name
        doc_id, n = ids[f], 1
        while doc_id in taken:
            n += 1
            doc_id = f"{ids[f]}-{n}"
        ids[f] = doc_id
        taken.add(doc_id)
    return ids


def decode(data: bytes, path: Path) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one when every other byte
    is NUL), else Windows-1252 with a warning. Binary data (NULs, many control characters, invalid UTF-16,
    or bytes no text in Windows-1252 has) raises ArticleError."""
    binary = ArticleError(str(path), "looks like a binary file, not text", "save the article as plain text")
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")):
        if data.startswith(bom):
            return checked(decode_strict(data, codec, binary), binary)
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return checked(decode_strict(data, "utf-16", binary), binary)
    sample = data[:SAMPLE_BYTES]
    bomless = utf16_without_bom(sample)
    if bomless:
        return checked(decode_strict(data, bomless, binary), binary)
    if b"\x00" in sample:
        raise binary
    try:
        return checked(data.decode("utf-8-sig"), binary)
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") / max(1, len(text))
    other = sum(1 for c in text if c > "\x7f" and c != "\ufffd")
    if other and bad <= MAX_BAD_UTF8_SHARE:  # UTF-8 with a few broken sequences
        log.warning("%s: a few bytes are not valid UTF-8; they read as \ufffd (save it as UTF-8)", path)
        return checked(text, binary)
    high = sum(1 for b in sample if b > 0x7F)
    undefined = sum(1 for b in sample if b in CP1252_UNDEFINED)
    if high / max(1, len(sample)) > MAX_HIGH_BYTE_SHARE or undefined > len(sample) // 200:
        raise binary
    log.warning("%s: not UTF-8; read as Windows-1252 (save it as UTF-8 to be sure)", path)
    return checked(data.decode("cp1252", errors="replace"), binary)


def decode_strict(data: bytes, codec: str, binary: ArticleError) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise binary from None


def checked(text: str, binary: ArticleError) -> str:
    if "\x00" in text[:SAMPLE_BYTES] or control_share(text[:SAMPLE_BYTES]) > MAX_CONTROL_SHARE:
        raise binary
    return text


def utf16_without_bom(sample: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when the bytes look like UTF-16 text of a Latin script: NUL in most odd
    (little-endian) or most even (big-endian) positions and almost nowhere else."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd > 0.4 and nul_even < 0.05:
        return "utf-16-le"
    if nul_even > 0.4 and nul_odd < 0.05:
        return "utf-16-be"
    return None


def read_sidecar(path: Path, notes: list[str]) -> dict:
    """The sidecar's metadata, or {} when there is none or it cannot be used (reported in notes)."""
    for name_sidecar, stem_sidecar in sidecar_paths(path):
        sidecar = name_sidecar
        if not os.path.lexists(sidecar):
            sidecar = stem_sidecar if os.path.lexists(stem_sidecar) else sidecar
        if not os.path.lexists(sidecar):
            continue
        ignored = "ignored, the article is read without it"
        try:
            if sidecar.stat().st_size > MAX_SIDECAR_BYTES:
                notes.append(f"{sidecar}: metadata larger than 1 MB; {ignored}")
                return {}
            raw = sidecar.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            notes.append(f"{sidecar}: metadata is not UTF-8 text; {ignored} (save it as UTF-8)")
            return {}
        except OSError as exc:
            notes.append(f"{sidecar}: metadata cannot be read ({exc.strerror}); {ignored} (check its permissions)")
            return {}
        try:
            data = json.loads(raw) if sidecar.name.endswith("json") else yaml.safe_load(raw)
        except (json.JSONDecodeError, yaml.YAMLError) as exc:
            problem = " ".join(str(exc).split())[:160]
            notes.append(f"{sidecar}: metadata cannot be parsed ({problem}); {ignored} (fix it)")
            return {}
        if not isinstance(data, dict):
            notes.append(f"{sidecar}: metadata is a {type_name(data)}, not key: value pairs; {ignored}")
            return {}
        return {"__where__": str(sidecar), **data}
    return {}


def type_name(value: object) -> str:
    return {list: "list", dict: "mapping", bool: "true/false", int: "number", float: "number"}.get(
        type(value), type(value).__name__
    )


def clean_meta(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(clean_article_text(str(value)).split())
    return text or None


def parse_date(value: object) -> dt.date | None:
    """A date from metadata: a date, a datetime or an ISO 8601 string (a time after the day is allowed)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])", text):
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def checked_meta(meta: dict, where: str, notes: list[str]) -> dict:
    """Metadata with the right types only: text fields must be text, the date a date; anything else is
    reported (by file and key) and left out, never stringified."""
    out: dict = {}
    for key in TEXT_KEYS:
        value = meta.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, str):
            out[key] = value
        else:
            notes.append(f"{where}: {key} is a {type_name(value)} ({shown(value)}), not text; ignored")
    for key in DATE_KEYS:
        value = meta.get(key)
        if value is None or value == "":
            continue
        date = parse_date(value)
        if date is None:
            notes.append(f"{where}: {key} {shown(value)} is not a date; ignored (write it as YYYY-MM-DD)")
        else:
            out[key] = date
    return out


def shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "\u2026"


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
    """The main text and metadata of a web page, by trafilatura. The date is taken only where the page states
    it (meta tags, a time element, a dated byline), never guessed from a copyright line or the like."""
    import trafilatura

    text = trafilatura.extract(raw, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise ArticleError(str(path), "no article text found in this HTML page", "save the article's text as .txt")
    meta: dict = {}
    info = trafilatura.extract_metadata(raw, extensive=False)
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


def read_article(path: str | Path, doc_id: str | None = None, notes: list[str] | None = None) -> Article:
    """Read one article. Raises ArticleError (naming the file and what to do) when it cannot be used; what
    is wrong with its metadata alone is added to `notes` and the article is read without it."""
    path = Path(path)
    notes = [] if notes is None else notes
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(str(path), f"cannot be read ({exc.strerror})", "check its permissions") from exc
    text = clean_article_text(decode(data, path))
    meta: dict = {}
    where = str(path)
    if path.suffix.lower() in HTML_SUFFIXES:
        text, meta = html_to_text(text, path)
        text = clean_article_text(text)
        where = f"{path} (page metadata)"
    elif text.lstrip("\ufeff").startswith("---"):
        try:
            post = frontmatter.loads(text)
            meta, text = dict(post.metadata), post.content
            where = f"{path} (front matter)"
        except Exception as exc:  # malformed front matter: keep the text whole, say so
            notes.append(f"{path}: front matter not understood ({type(exc).__name__}); read as plain text")
    meta = checked_meta(meta, where, notes)
    sidecar = read_sidecar(path, notes)
    if sidecar:
        meta.update(checked_meta(sidecar, sidecar["__where__"], notes))
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
        doc_id=doc_id or doc_id_for(path),
        path=safe_string(str(path)),  # a file name may hold what no output can carry (an undecodable byte)
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


def read_articles(paths: Iterable[Path | SourceFile]) -> Iterator[Article | ArticleError]:
    """Each path read, or the error saying why it could not be; never raises for one bad file."""
    files = [p if isinstance(p, SourceFile) else SourceFile(Path(p), Path(p).name, str(Path(p).parent)) for p in paths]
    ids = assign_ids(files)
    for f in files:
        try:
            yield read_article(f.path, ids[f])
        except ArticleError as exc:
            yield exc


def read_corpus(
    paths: Iterable[str | Path], exclude: Iterable[str | Path] = (), known: Mapping[str, Reading] | None = None
) -> Corpus:
    """Every article under `paths`, each with a unique id, files with the same text read once; and one line
    for each thing that could not be used. A file `known` (by path, from an earlier read) whose facts
    are unchanged is not read again."""
    files, problems = find_articles(paths, exclude)
    ids = assign_ids(files)
    by_text: dict[str, Article] = {}
    copies: dict[str, list[str]] = defaultdict(list)
    readings: dict[str, Reading] = {}
    read = 0
    now = time.time_ns()
    listed: dict[Path, frozenset[str] | None] = {}  # folder -> the names in it (None: not listable)
    for f in sorted(files, key=lambda f: ids[f]):
        folder = f.path.parent
        if folder not in listed:
            listed[folder] = folder_names(folder)
        facts = file_facts(f.path, listed[folder])
        reading = (known or {}).get(str(f.path))
        if reading is None or facts is None or reading.facts != facts:
            reading = read_file(f.path, ids[f], facts)
            read += 1
        if facts is not None and settled(facts, now):
            readings[str(f.path)] = reading
        problems.extend(reading.notes)
        article = reading.article
        if article is None:
            problems.append(f"{reading.error}; skipped")
            continue
        if article.doc_id != ids[f]:  # ids follow the set of files read
            article = replace(article, doc_id=ids[f])
        key = hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()
        first = by_text.setdefault(key, article)
        if first is not article:
            copies[key].append(article.path)
            problems.append(f"{article.path}: the same text as {first.path}; read once, as document {first.doc_id}")
    articles = tuple(replace(a, copies=tuple(copies[k])) if k in copies else a for k, a in by_text.items())
    return Corpus(tuple(sorted(articles, key=lambda a: a.doc_id)), tuple(problems), readings, read)


def read_file(path: Path, doc_id: str, facts: tuple | None) -> Reading:
    notes: list[str] = []
    try:
        return Reading(facts or (), read_article(path, doc_id, notes), None, tuple(notes))
    except ArticleError as exc:
        return Reading(facts or (), None, str(exc), tuple(notes))


# A file changed this long before it was read cannot change again and keep its size and times (the
# coarsest file system clocks tick in 2 s).
SETTLED_NS = 3_000_000_000


def folder_names(folder: Path) -> frozenset[str] | None:
    """The names of what is in `folder` (None when it cannot be listed)."""
    try:
        return frozenset(os.listdir(folder))
    except OSError:
        return None


def file_facts(path: Path, names: frozenset[str] | None = None) -> tuple | None:
    """Size, times, inode and device of an article file and of each file its metadata may be read from
    (None where there is none): a file written, replaced or touched since has other facts. None when
    one cannot be looked at. `names`: those in the file's folder, listed once for all its files, so a
    metadata file that is not there costs no look (an article has six places for one)."""
    facts = []
    for p in (path, *(p for pair in sidecar_paths(path) for p in pair)):
        if names is not None and p is not path and p.name not in names:
            facts.append(None)
            continue
        try:
            st = os.stat(p)
        except FileNotFoundError:
            if os.path.lexists(p):
                return None  # a link to nothing
            facts.append(None)
            continue
        except OSError:
            return None
        facts.append((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev))
    return tuple(facts)


def settled(facts: tuple, now_ns: int) -> bool:
    """Every file was last changed well before `now_ns`: a later change is bound to change its facts."""
    return all(f is None or max(f[1], f[2]) < now_ns - SETTLED_NS for f in facts)


def sidecar_paths(path: Path) -> list[tuple[Path, Path]]:
    """Where an article's metadata may be, in the order read_sidecar looks: per suffix, beside the full
    file name ("a.txt.meta.json"), then in place of its suffix ("a.meta.json")."""
    return [(path.with_name(path.name + suffix), path.with_suffix(suffix)) for suffix in SIDECAR_SUFFIXES]
