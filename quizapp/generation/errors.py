"""The one error the generator raises for bad input."""

from __future__ import annotations


class GenerationError(ValueError):
    """Input the generator cannot turn into questions; the message is one readable line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
