"""The engine's single domain error.

Every input problem the pure engines detect is reported as an
:class:`EngineInputError`: a ``ValueError`` carrying a ``fields`` mapping of
field name -> list of plain-language messages, so that the API can turn it into
its one error shape and forms into field messages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class EngineInputError(ValueError):
    """Invalid run parameters, assumptions or engine inputs."""

    def __init__(self, fields: Mapping[str, Sequence[str]], message: str | None = None) -> None:
        self.fields: dict[str, list[str]] = {k: list(v) for k, v in fields.items()}
        if message is None:
            parts = [f"{k}: {'; '.join(v)}" for k, v in self.fields.items()]
            message = "invalid input: " + " | ".join(parts)
        super().__init__(message)
        self.message = message
