"""Which character separates the fields of a CSV export (shared by the reader and the encoding check)."""

from __future__ import annotations


def sniff_delimiter(sample: str) -> str:
    """The field separator of a CSV text: the one that splits most lines into the same number of cells."""
    lines = [line for line in sample.splitlines()[:50] if line.strip()]
    best, best_score = ",", -1.0
    for delimiter in (",", "\t", ";", "|"):
        counts = [line.count(delimiter) for line in lines]
        if not counts or max(counts) == 0:
            continue
        common = max(set(counts), key=counts.count)
        # Tab and comma win only a tie: a ';' export with decimal commas has a comma in most data lines
        # but not in its header, and a bonus for ',' used to split 12,50 into two cells.
        score = counts.count(common) / len(counts) * min(common, 10) + (0.01 if delimiter in "\t," else 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best
