"""Array helpers of the outside back-ends: numpy itself, the tie bits, grouping by node.

numpy comes with the optional extras only (scipy's ``fast`` and ``ortools``
both bring it), so it is imported inside the functions that use it, through
:func:`load_numpy`; annotations name its array types under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import functools
from types import ModuleType
from typing import TYPE_CHECKING, TypeAlias

from ementoring._extras import require

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    IntArray: TypeAlias = NDArray[np.int64]
    """int64 values: indices, counts, gains, distances."""
    KeyArray: TypeAlias = NDArray[np.uint64]
    """The 64-bit keys of ids (see ``ementoring.matching._gains``)."""
    Flags: TypeAlias = NDArray[np.bool_]
    """One flag per pair, person or node."""

__all__ = [
    "Flags",
    "IntArray",
    "KeyArray",
    "group_offsets",
    "group_slices",
    "grouped_order",
    "load_numpy",
    "tie_bits",
]


@functools.cache
def load_numpy() -> ModuleType:
    """numpy, or ``MissingExtraError`` naming the extra that brings it."""
    return require("numpy", "fast", "the scipy and OR-tools back-ends")


def tie_bits(a_keys: KeyArray, a_index: IntArray, b_keys: KeyArray, b_index: IntArray) -> IntArray:
    """Bits 64 to 79 of the 128-bit products ``a_keys[a_index] * b_keys[b_index]``, as int64.

    In 32-bit halves: ``a * b = a1 b1 2**64 + (a1 b0 + a0 b1) 2**32 + a0 b0``;
    every partial product fits 64 bits, and the high word is only needed
    modulo 2**16, so its additions may wrap. The halves are taken once per
    person, then gathered per pair; the pair arrays are updated in place
    (this runs on every pair of a large problem).
    """
    np = load_numpy()
    low_mask = np.uint64(0xFFFFFFFF)
    shift = np.uint64(32)
    a1, a0 = (a_keys >> shift)[a_index], (a_keys & low_mask)[a_index]
    b1, b0 = (b_keys >> shift)[b_index], (b_keys & low_mask)[b_index]
    high = a1 * b1
    a1 *= b0  # the cross products a1 b0 and a0 b1
    b1 *= a0
    a0 *= b0  # the low product
    a0 >>= shift
    carry = a0  # (a0 b0 >> 32) + both low halves of the cross products
    carry += a1 & low_mask
    carry += b1 & low_mask
    carry >>= shift
    high += carry
    a1 >>= shift
    high += a1
    b1 >>= shift
    high += b1
    high &= np.uint64(0xFFFF)
    bits: IntArray = high.astype(np.int64)
    return bits


def grouped_order(keys: IntArray, size: int) -> IntArray:
    """The stable order that groups ``keys`` (integers in ``[0, size)``) in ascending order.

    Keys that fit 16 bits are sorted as such: numpy sorts those by radix
    (on 950,000 pairs by mentor, 11 ms against 68 ms as 32-bit keys). Others
    as 32-bit keys: a part never has 2**31 people.
    """
    np = load_numpy()
    small = keys.astype(np.uint16 if size <= 1 << 16 else np.int32)
    order: IntArray = np.argsort(small, kind="stable")
    return order


def group_offsets(counts: IntArray) -> IntArray:
    """Where each node's entries begin in arrays grouped by node, given how many each has.

    One more entry than ``counts``: the last is the total (see :func:`group_slices`).
    """
    np = load_numpy()
    first: IntArray = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=first[1:])
    return first


def group_slices(first: IntArray, nodes: IntArray) -> tuple[IntArray, IntArray]:
    """The positions of ``nodes``' entries in arrays grouped by node, and how many each has.

    ``first[x]`` is where node ``x``'s entries begin, ``first[x + 1]`` where
    they end (offsets from a cumulative count).
    """
    np = load_numpy()
    lengths = first[nodes + 1] - first[nodes]
    index = np.repeat(first[nodes] - np.cumsum(lengths) + lengths, lengths)
    index += np.arange(int(lengths.sum()), dtype=np.int64)
    return index, lengths
