"""Dialogue: quotation detection and speaker/addressee attribution (used by ``stages/quotes.py``)."""
