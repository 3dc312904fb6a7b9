"""Failed logins counted per (e-mail, client address) and per client address, never per account."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.strategies import RateLimiter

# A client address may fail this many times more in a window than one e-mail from it: an office
# behind one address has many people mistyping, a script trying many accounts soon meets it.
PER_ADDRESS_FACTOR = 5


@dataclass(frozen=True)
class LoginThrottle:
    """Counts in the rate limiter's storage, so every worker (and server) shares them.

    Counting per account would let anyone lock the owner out, and answering differently for
    known and unknown accounts would tell which exist: the counts here are the same for an
    e-mail address with or without an account, and the owner elsewhere is never slowed.
    """

    strategy: RateLimiter | None  # None: rate limits are switched off (RATELIMIT_ENABLED)
    key: bytes  # e-mail addresses are kept as keyed hashes: the shared storage holds none
    attempts: int
    minutes: int

    def _counters(self, email: str, address: str) -> list[tuple[RateLimitItem, tuple[str, ...]]]:
        hashed = hmac.new(self.key, email.strip().lower().encode(), hashlib.sha256).hexdigest()
        per_email = RateLimitItemPerMinute(self.attempts, self.minutes)
        per_address = RateLimitItemPerMinute(self.attempts * PER_ADDRESS_FACTOR, self.minutes)
        return [
            (per_email, ("failed-login", hashed[:32], address)),
            (per_address, ("failed-login", address)),
        ]

    def blocked_until(self, email: str, address: str) -> datetime | None:
        """When logging in with this e-mail from this address is allowed again, if it is not now."""
        if self.strategy is None:
            return None
        resets = [
            self.strategy.get_window_stats(item, *keys).reset_time
            for item, keys in self._counters(email, address)
            if not self.strategy.test(item, *keys)
        ]
        return datetime.fromtimestamp(max(resets), UTC) if resets else None

    def count_failure(self, email: str, address: str) -> None:
        if self.strategy is None:
            return
        for item, keys in self._counters(email, address):
            self.strategy.hit(item, *keys)

    def forget_failures(self, email: str, address: str) -> None:
        """After a complete login: the e-mail's count from here starts again (the address's not)."""
        if self.strategy is None:
            return
        item, keys = self._counters(email, address)[0]
        self.strategy.clear(item, *keys)
