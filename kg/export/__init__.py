"""One module per output format: pure `to_*` functions and thin `write_*` functions."""
