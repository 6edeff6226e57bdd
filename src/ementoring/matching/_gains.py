"""The integer gains the solvers maximise: scores in millionths, a tie hash, a bonus per pair.

This module is the one place where scores become integers: a score ``s`` in
``[0, 1]`` counts as ``round(s * SCALE)`` millionths. The solvers maximise the
sum of integer gains ``units * tie_unit + tie_hash(mentee_id, mentor_id)``,
plus ``bonus`` per pair under ``"most_matched"``:

- ``tie_hash`` is a 16-bit hash of both ids together plus 1, so it lies in
  ``[1, 65536]``: each id gets a 64-bit key (blake2b of the id and its side,
  stable across runs and machines) and the pair takes bits 64 to 79 of the
  product of the two keys. Being a hash of the pair, not ``f(mentor) +
  g(mentee)``, it does not cancel around alternating cycles (around a cycle of
  four pairs the sums differ by bits of ``(a1 - a2) * (b1 - b2)``), so among
  equal-score optima one is preferred whatever the input order or solver. One
  multiplication per pair, the keys hashed once per person.
- ``tie_unit`` exceeds any possible sum of tie hashes, so a tie hash never
  outweighs one millionth of score.
- ``bonus`` exceeds any possible sum of the other terms, so one more pair
  always beats any gain in score.
"""

from __future__ import annotations

import hashlib
from typing import Final

__all__ = [
    "GAIN_RULES",
    "SCALE",
    "TIE_RANGE",
    "IntegerGains",
    "mentee_key",
    "mentor_key",
    "pair_hash",
    "tie_hash",
    "units",
]

SCALE: Final = 1_000_000
"""Integer units per score point: scores are compared in millionths."""

TIE_RANGE: Final = 1 << 16
"""The tie hash lies in ``[1, TIE_RANGE]``."""

GAIN_RULES: Final = 3
"""Which rules make the integer gains a certificate's prices are for: the ones above.

Dual prices prove a result optimal only for the gains they were computed
against. ementoring 0.1 changed those rules twice without recording it (the tie
hash at its commit 9f7728b, the weights' clamped capacities at c389b8d), so
these are its third rules; a certificate records the rules it was made by
(``Certificate.gain_rules``), and the next change to
this module counts 4.
"""


def units(score: float) -> int:
    """Return a score in integer millionths, the resolution at which scores are compared.

    >>> units(0.8333333333)
    833333
    """
    return round(score * SCALE)


def tie_hash(mentee_id: str, mentor_id: str) -> int:
    """Return the stable 16-bit tie-break of a pair, in ``[1, 65536]``.

    >>> tie_hash("olga", "ana") == tie_hash("olga", "ana") != tie_hash("ana", "olga")
    True
    """
    return pair_hash(mentee_key(mentee_id), mentor_key(mentor_id))


def mentee_key(mentee_id: str) -> int:
    """The 64-bit key of a mentee id that :func:`pair_hash` combines."""
    return _key(b"mentee:", mentee_id)


def mentor_key(mentor_id: str) -> int:
    """The 64-bit key of a mentor id that :func:`pair_hash` combines."""
    return _key(b"mentor:", mentor_id)


def _key(side: bytes, value: str) -> int:
    # The side keeps tie_hash(a, b) and tie_hash(b, a) apart (the product commutes).
    digest = hashlib.blake2b(side + value.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def pair_hash(mentee_key: int, mentor_key: int) -> int:
    """The tie-break of a pair from the keys of its ids: bits 64 to 79 of their product, plus 1."""
    return 1 + ((mentee_key * mentor_key >> 64) & 0xFFFF)


class IntegerGains:
    """The integer gain of every pair of one problem under one objective."""

    __slots__ = ("bonus", "tie_unit")

    def __init__(self, max_pairs: int, objective: str) -> None:
        self.tie_unit = (TIE_RANGE + 1) * (max_pairs + 1)
        self.bonus = (
            max_pairs * (SCALE * self.tie_unit + TIE_RANGE) + 1
            if objective == "most_matched"
            else 0
        )

    def gain(self, score_units: int, tie: int) -> int:
        """The integer the solvers maximise for a pair of these score units and tie hash."""
        return self.bonus + score_units * self.tie_unit + tie
