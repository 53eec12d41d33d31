"""The built-in catalog data file (``builtin.toml``) and its version."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

BUILTIN_PATH = Path(__file__).with_name("builtin.toml")


@functools.lru_cache(maxsize=1)
def builtin_data() -> dict[str, Any]:
    with BUILTIN_PATH.open("rb") as fh:
        return tomllib.load(fh)


def builtin_version() -> str:
    return str(builtin_data()["version"])
