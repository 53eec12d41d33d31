"""URL converter for offering keys: they contain slashes and colons, and clients may
percent-encode them (``deepseek%2Fdeepseek-chat``)."""

from __future__ import annotations

from urllib.parse import quote, unquote

from django.urls import register_converter


class OfferingKeyConverter:
    regex = r".+"

    def to_python(self, value: str) -> str:
        return unquote(value)

    def to_url(self, value: str) -> str:
        return quote(value, safe="/:@._-")


register_converter(OfferingKeyConverter, "offering_key")
