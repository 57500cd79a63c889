"""Errors users see: one line, naming the file."""

from __future__ import annotations

from pathlib import Path


class FiclensError(Exception):
    """Base class of every error ficlens reports to a user."""


class IngestError(FiclensError):
    """A file could not be read as a work. ``str(err)`` is one line naming the file."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = str(path)
        self.message = " ".join(str(message).split())
        super().__init__(f"{self.path}: {self.message}")

    def __reduce__(self):  # picklable, so worker processes can report it
        return (self.__class__, (self.path, self.message))
