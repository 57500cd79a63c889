"""Exports of an analysed work: JSON (versioned schema), HTML report, BookNLP tables, Parquet rows."""
