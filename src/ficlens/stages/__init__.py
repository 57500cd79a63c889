"""Pipeline stages; each enriches a :class:`ficlens.document.Work` in place."""
