"""Errors a shop owner is meant to read.

Every layer raises `ShopError` (or a subclass) for bad input; the CLI prints its message as one
line and exits 1, the GUI shows it in a dialog.  The English text is the catalogue key, marked with
QT_TRANSLATE_NOOP so lupdate collects it, and is rendered in the user's language on demand.
"""

from __future__ import annotations

from typing import Any

from shopcrm.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["ShopError", "ValidationError", "NotFoundError", "ConflictError", "QT_TRANSLATE_NOOP"]


class ShopError(Exception):
    """Bad input or a refused action; nothing was changed."""

    context = "errors"
    cli_hint: str | None = None  # what the command line adds (context "cli"), e.g. how to give a password

    def __init__(self, text: str, **params: Any) -> None:
        self.text = text
        self.params = params
        super().__init__(self.message("en"))

    def message(self, language: str | None = None) -> str:
        template = translate(self.context, self.text, language)
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return template

    def __str__(self) -> str:
        return self.message()


class ValidationError(ShopError):
    """A value the user typed or a file held is not acceptable."""

    def __init__(self, text: str, field: str | None = None, **params: Any) -> None:
        self.field = field
        super().__init__(text, **params)


class NotFoundError(ShopError):
    """The member, purchase, batch ... asked for does not exist."""


class ConflictError(ShopError):
    """The action would break a rule: duplicate phone, negative balance, already undone ..."""
