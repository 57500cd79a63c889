"""ficlens: reads fan fiction and understands it."""

__version__ = "0.1.0"
