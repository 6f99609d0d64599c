"""PDF signatures (PAdES B-B, offline) with pyHanko, and their verification against the bureau
root."""
