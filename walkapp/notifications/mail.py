"""What a queued mail is made of: links to walkapp's pages, and the renderer that writes it."""

from dataclasses import dataclass
from typing import Any, Protocol

MAIL_RENDERER = "walkapp.mail_renderer"  # the session's info key for its MailRenderer


@dataclass(frozen=True)
class Link:
    """A page of walkapp for an e-mail: the renderer makes it an absolute URL."""

    endpoint: str
    values: tuple[tuple[str, Any], ...] = ()
    anchor: str = ""


def mail_link(endpoint: str, *, anchor: str = "", **values: int | str) -> Link:
    """A Link to `endpoint` with its URL values, as `url_for` takes them."""
    return Link(endpoint, tuple(sorted(values.items())), anchor)


class MailRenderer(Protocol):
    def __call__(self, template: str, context: dict[str, Any]) -> tuple[str, str]:
        """The subject and body of a mail template, Links in the context made absolute URLs."""
