"""Errors a person can act on. The CLI and dashboard show ``str(error)``; anything else is a bug."""


class SolieuError(Exception):
    """Base class of every error solieu raises on purpose."""


class ArticleFormatError(SolieuError):
    """A file could not be read as an article; the message names the file and the problem."""


class LexiconError(SolieuError):
    """The lexicon TOML is malformed; the message names the file and the key."""


class StoreError(SolieuError):
    """The local database could not be used (corrupt, locked for too long, missing article...)."""
