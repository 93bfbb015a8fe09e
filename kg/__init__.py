"""kg: a knowledge graph of who spoke with, met, released and visited whom, read from news articles."""

__version__ = "0.1.0"
# Bumped whenever extraction output can change: it keys the per-article cache.
EXTRACTION_VERSION = "2"
