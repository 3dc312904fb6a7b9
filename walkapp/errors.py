"""Domain errors raised by services; views turn them into pages or JSON with the right status."""


class DomainError(Exception):
    """A request that breaks a rule of the domain; nothing was changed."""

    status_code = 422

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BadInput(DomainError):
    """The request itself is malformed (not a rule of the domain): 400."""

    status_code = 400


class NotFound(DomainError):
    """The object does not exist, or the actor may not know that it does."""

    status_code = 404


class Forbidden(DomainError):
    status_code = 403


class Conflict(DomainError):
    """The request clashes with what is stored, e.g. an e-mail address already in use."""

    status_code = 409
