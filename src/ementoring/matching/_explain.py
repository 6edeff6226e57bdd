"""Plain-sentence explanations of a result, read from its dual prices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ementoring.errors import UnknownIdError
from ementoring.matching._result import Objective, UnmatchedReason
from ementoring.matching._scoring import SCALE, tie_hash

if TYPE_CHECKING:
    from ementoring.matching._result import MatchingResult

__all__ = ["explain"]

# How many alternatives an explanation names.
_ALTERNATIVES = 3


def _breakdown(names: tuple[str, ...], scores: tuple[float, ...]) -> str:
    return ", ".join(f"{name} {score:.2f}" for name, score in zip(names, scores, strict=True))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def explain(result: MatchingResult, mentee_id: str) -> str:
    """Explain what happened to one mentee (see :meth:`MatchingResult.explain`)."""
    scored = result._scored
    if scored is None:
        raise UnknownIdError("mentee_id", mentee_id, "this result carries no scores to explain")
    context = scored.context
    i = context.mentee_index.get(mentee_id)
    if i is None:
        raise UnknownIdError("mentee_id", mentee_id, "unknown mentee id")
    names = context.names
    mentee = context.mentees[i]
    lines: list[str] = []
    mine = [m for m in result.matches if m.mentee_id == mentee_id]
    for match in mine:
        how = "is pinned to" if match.pinned else "is matched with"
        scores = tuple(match.breakdown[name] for name in names)
        lines.append(
            f"{mentee_id} {how} {match.mentor_id} "
            f"(score {match.score:.2f}: {_breakdown(names, scores)})."
        )
    if mentee.capacity == 0:
        lines.append(f"{mentee_id} is not looking for a mentor now (capacity 0).")
    unmatched = result.unmatched.get(mentee_id)
    if unmatched is not None:
        if unmatched.reason is UnmatchedReason.NO_ALLOWED_MENTOR:
            rules = [
                f"{name} excludes {count}" for name, count in unmatched.detail.items() if count
            ]
            lines.append(
                f"{mentee_id} is not matched: no allowed mentor among "
                f"{_plural(len(context.mentors), 'mentor')}"
                + (f" ({'; '.join(rules)})." if rules else ".")
            )
        else:
            full = [
                f"{mentor_id} (held by {', '.join(held) if held else 'nobody: no seats'})"
                for mentor_id, held in unmatched.detail.items()
            ]
            lines.append(
                f"{mentee_id} is not matched: every allowed mentor is full: {'; '.join(full)}."
            )
    taken = {m.mentor_id for m in mine}
    alternatives = [c for c in scored.allowed[i] if context.mentor_ids[c[0]] not in taken]
    alternatives.sort(key=lambda c: (-c[2], context.mentor_ids[c[0]]))
    for j, score, score_units, breakdown in alternatives[:_ALTERNATIVES]:
        mentor_id = context.mentor_ids[j]
        lines.append(
            f"Alternative {mentor_id} (score {score:.2f}: {_breakdown(names, breakdown)}) "
            + _rise(result, i, j, score_units)
        )
    if not mine and unmatched is None and mentee.capacity:
        lines.append(f"{mentee_id} has nothing to explain.")  # pragma: no cover
    return "\n".join(lines)


def _rise(result: MatchingResult, i: int, j: int, score_units: int) -> str:
    scored = result._scored
    assert scored is not None
    context = scored.context
    mentee_id, mentor_id = context.mentee_ids[i], context.mentor_ids[j]
    if context.mentor_room[j] <= 0:
        return "has no seat left after pinned pairs."
    certificate = result.certificate
    if result.objective is Objective.STABLE or certificate is None:
        holders = [m.score for m in result.matches if m.mentor_id == mentor_id]
        if len(holders) < context.mentors[j].capacity:
            return "has a free seat but scored lower than this mentee's match."
        needed = min(holders) - score_units / SCALE
        return f"prefers the mentees holding their seats: it would need {needed:.2f} more."
    gain = certificate.bonus + score_units * certificate.tie_unit + tie_hash(mentee_id, mentor_id)
    slack = certificate.mentee_surplus[mentee_id] + certificate.mentor_price[mentor_id] - gain
    if certificate.bonus and slack >= certificate.bonus:
        return "could only be chosen by leaving another mentee without a mentor."
    if slack < certificate.tie_unit:
        return "ties with the choice made; the fixed tie-break (a hash of both ids) decided."
    rise = slack / (certificate.tie_unit * SCALE)
    return f"would need a score {rise:.2f} higher to be chosen instead."
