"""Explanations of a result, as data and in plain sentences, read from its dual prices."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ementoring._validate import Choice, require_number, require_type
from ementoring._words import plural
from ementoring.errors import InvalidTypeError, UnknownIdError, ValidationError
from ementoring.matching._gains import SCALE, units
from ementoring.matching._models import MatchingProblem
from ementoring.matching._residual import rises_of
from ementoring.matching._result import (
    Match,
    MatchingResult,
    Unmatched,
    UnmatchedReason,
    check_scores,
)
from ementoring.matching._scorer import PairScorer, ScoredPairs
from ementoring.matching._verify import verify

__all__ = ["Alternative", "Exclusion", "Explanation", "Outcome", "explain", "explanation_text"]

# How many alternatives, and how many excluded mentors, an explanation names.
_ALTERNATIVES = 3
_EXCLUDED = 3


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("mapping", value, "a mapping")
    return MappingProxyType(dict(value))


def _check_notes(field: str, notes: Any) -> None:
    if not (
        isinstance(notes, tuple)
        and all(
            isinstance(n, tuple) and len(n) == 2 and all(isinstance(x, str) for x in n)
            for n in notes
        )
    ):
        raise InvalidTypeError(field, notes, "a tuple of (criterion name, words)")


def _check_breakdown(field: str, breakdown: Mapping[str, Any], names: tuple[str, ...]) -> None:
    missing = [name for name in names if name not in breakdown]
    if missing:
        raise ValidationError(field, dict(breakdown), f"has no score for {', '.join(missing)}")


class Outcome(Choice):
    """Why an allowed mentor is not the mentee's: what an :class:`Alternative` ran into."""

    NO_SEAT = "no_seat"
    """Every seat of the mentor is taken by pinned pairs."""
    TIE = "tie"
    """Exactly as good as the choice made; the fixed tie order (a hash of both ids) decided."""
    WOULD_UNMATCH = "would_unmatch"
    """Choosing it would leave another mentee without a mentor (``"most_matched"``)."""
    NEEDS_RISE = "needs_rise"
    """Chosen if the pair's score rose by ``rise``: the rest of the optimum is worth more."""
    FREE_SEAT = "free_seat"
    """Stable results: the mentor has a free seat but ranks below the mentee's match."""
    HOLDER_TIE = "holder_tie"
    """Stable results: ties with a mentee holding a seat; the fixed tie order decided."""
    HOLDERS_PREFERRED = "holders_preferred"
    """Stable results: the mentor prefers the mentees holding their seats (by ``rise``)."""


@attrs.frozen(kw_only=True)
class Alternative:
    """An allowed mentor the mentee did not get, and why.

    Args:
        mentor_id: The mentor.
        score: The pair's score.
        breakdown: Criterion name to its score for this pair.
        gap: The mentee's best match's score minus this pair's (``None``
            when the mentee has no match).
        outcome: Why it lost (:class:`Outcome`).
        rise: How much the pair's score would have to rise for it to be
            chosen (what would flip it), when that is the reason.
        held_by: The mentees holding the mentor's seats, by id.
        notes: What criteria that can say it in words (``Criterion.describe``)
            say of the pair, as ``(criterion name, words)``.
    """

    mentor_id: str
    score: float
    breakdown: Mapping[str, float] = attrs.field(converter=_frozen_mapping, hash=False)
    gap: float | None
    outcome: Outcome
    rise: float | None
    held_by: tuple[str, ...]
    notes: tuple[tuple[str, str], ...] = ()

    def __attrs_post_init__(self) -> None:
        # Built by explain(); checked so that a hand-built one cannot break text().
        check_scores(self.score, self.breakdown)
        if not isinstance(self.outcome, Outcome):
            raise InvalidTypeError("outcome", self.outcome, "an Outcome")
        needs_rise = self.outcome in (Outcome.NEEDS_RISE, Outcome.HOLDERS_PREFERRED)
        if needs_rise and self.rise is None:
            raise InvalidTypeError("rise", self.rise, "a number for this outcome")
        for field, value in (("rise", self.rise), ("gap", self.gap)):
            if value is not None:
                require_number(value, field)
        _check_notes("notes", self.notes)


@attrs.frozen(kw_only=True)
class Exclusion:
    """A mentor the mentee may not be paired with, and the rules that refuse the pair.

    ``rules`` holds the names of the required criteria scoring the pair 0,
    ``"forbidden"``, or ``"min_score"`` (then ``score`` is the pair's score).
    """

    mentor_id: str
    rules: tuple[str, ...]
    score: float | None = None

    def __attrs_post_init__(self) -> None:
        if not (isinstance(self.rules, tuple) and all(isinstance(r, str) for r in self.rules)):
            raise InvalidTypeError("rules", self.rules, "a tuple of rule names")
        if "min_score" in self.rules and self.score is None:
            raise InvalidTypeError("score", self.score, "a number when min_score refuses the pair")
        if self.score is not None:
            require_number(self.score, "score")


@attrs.frozen(kw_only=True)
class Explanation:
    """What happened to one mentee, and why, as data; :meth:`text` says it in sentences.

    Args:
        mentee_id: The mentee.
        capacity: How many mentors they want.
        matches: Their pairs in the result (score and breakdown per criterion).
        unmatched: Why they got fewer mentors than they wanted, if they did.
        alternatives: Their best allowed mentors not chosen (at most three),
            by score then id, each with why it lost.
        excluded: The first mentors (by id, at most three) they may not be
            paired with, each with the rules that refuse the pair.
        excluded_count: How many mentors in all they may not be paired with.
        criteria: The problem's criterion names, in order (for the breakdowns).
        mentor_count: How many mentors the problem has.
        min_score: The problem's lowest allowed pair score.
        match_notes: For each matched mentor, what criteria that can say it
            in words say of the pair (as :attr:`Alternative.notes`).
    """

    mentee_id: str
    capacity: int
    criteria: tuple[str, ...]
    matches: tuple[Match, ...]
    unmatched: Unmatched | None
    alternatives: tuple[Alternative, ...]
    excluded: tuple[Exclusion, ...]
    excluded_count: int
    mentor_count: int
    min_score: float
    match_notes: Mapping[str, tuple[tuple[str, str], ...]] = attrs.field(
        factory=dict, converter=_frozen_mapping, hash=False
    )

    def __attrs_post_init__(self) -> None:
        # Built by explain(); checked so that a hand-built one cannot break text().
        if not (
            isinstance(self.criteria, tuple) and all(isinstance(n, str) for n in self.criteria)
        ):
            raise InvalidTypeError("criteria", self.criteria, "a tuple of criterion names")
        for field, items, kind in (
            ("matches", self.matches, Match),
            ("alternatives", self.alternatives, Alternative),
            ("excluded", self.excluded, Exclusion),
        ):
            if not (isinstance(items, tuple) and all(isinstance(i, kind) for i in items)):
                raise InvalidTypeError(field, items, f"a tuple of {kind.__name__}")
        breakdowns = [m.breakdown for m in self.matches] + [a.breakdown for a in self.alternatives]
        for index, breakdown in enumerate(breakdowns):
            _check_breakdown(f"breakdown[{index}]", breakdown, self.criteria)
        if self.unmatched is not None and not isinstance(self.unmatched, Unmatched):
            raise InvalidTypeError("unmatched", self.unmatched, "an Unmatched or None")
        for field, value in (
            ("capacity", self.capacity),
            ("excluded_count", self.excluded_count),
            ("mentor_count", self.mentor_count),
        ):
            require_type(value, int, field, "a whole number")
        require_number(self.min_score, "min_score")
        for key, notes in self.match_notes.items():
            _check_notes(f"match_notes[{key!r}]", notes)

    def text(self) -> str:
        """The explanation in plain sentences, one per line."""
        return _text(self)


def _breakdown(names: tuple[str, ...], scores: Mapping[str, float]) -> str:
    return ", ".join(f"{name} {scores[name]:.2f}" for name in names)


_PHRASES = {
    Outcome.NO_SEAT: "has no seat left after pinned pairs.",
    Outcome.TIE: "ties with the choice made; the fixed tie-break (a hash of both ids) decided.",
    Outcome.WOULD_UNMATCH: "could only be chosen by leaving another mentee without a mentor.",
    Outcome.FREE_SEAT: "has a free seat but ranks below this mentee's match.",
    Outcome.HOLDER_TIE: (
        "ties with a mentee holding a seat; the fixed tie-break (a hash of both ids) decided."
    ),
}


def _text(explanation: Explanation) -> str:
    names, mentee_id = explanation.criteria, explanation.mentee_id
    lines: list[str] = []
    for match in explanation.matches:
        how = "is pinned to" if match.pinned else "is matched with"
        lines.append(
            f"{mentee_id} {how} {match.mentor_id} "
            f"(score {match.score:.2f}: {_breakdown(names, match.breakdown)})."
        )
        lines.extend(_notes(explanation.match_notes.get(match.mentor_id, ())))
    if explanation.capacity == 0:
        lines.append(f"{mentee_id} is not looking for a mentor now (capacity 0).")
    unmatched = explanation.unmatched
    if unmatched is not None:
        if unmatched.reason is UnmatchedReason.NO_ALLOWED_MENTOR:
            rules = [
                f"{name} excludes {count}" for name, count in unmatched.detail.items() if count
            ]
            lines.append(
                f"{mentee_id} is not matched: no allowed mentor among "
                f"{explanation.mentor_count} {plural(explanation.mentor_count, 'mentor')}"
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
    for alternative in explanation.alternatives:
        outcome = alternative.outcome
        if outcome is Outcome.NEEDS_RISE:
            phrase = f"would need a score {alternative.rise:.2f} higher to be chosen."
        elif outcome is Outcome.HOLDERS_PREFERRED:
            phrase = (
                "prefers the mentees holding their seats: this pair would need"
                f" {alternative.rise:.2f} more."
            )
        else:
            phrase = _PHRASES[outcome]
        lines.append(
            f"Alternative {alternative.mentor_id} (score {alternative.score:.2f}: "
            f"{_breakdown(names, alternative.breakdown)}) {phrase}"
        )
        lines.extend(_notes(alternative.notes))
    if explanation.excluded:
        reasons = [
            f"{e.mentor_id} ({_rules_text(e, explanation.min_score)})" for e in explanation.excluded
        ]
        hidden = explanation.excluded_count - len(explanation.excluded)
        more = f" and {hidden} more" if hidden > 0 else ""
        lines.append(f"Not allowed: {', '.join(reasons)}{more}.")
    return "\n".join(lines)


def _notes(notes: tuple[tuple[str, str], ...]) -> list[str]:
    return [f"  {name}: {words}." for name, words in notes]


def _described(scorer: PairScorer, i: int, j: int) -> tuple[tuple[str, str], ...]:
    """What criteria that can say it in words (``Criterion.describe``) say of a pair."""
    mentor, mentee = scorer.mentors[j], scorer.mentees[i]
    notes = []
    for criterion in scorer.criteria:
        if criterion.describe is not None:
            words = require_type(
                criterion.describe(mentor, mentee),
                str,
                f"criteria[{criterion.name!r}].describe(mentor={mentor.id!r}, mentee={mentee.id!r})",
                "text",
            )
            notes.append((criterion.name, words))
    return tuple(notes)


def _rules_text(exclusion: Exclusion, min_score: float) -> str:
    parts = []
    for rule in exclusion.rules:
        if rule == "forbidden":
            parts.append("forbidden")
        elif rule == "min_score":
            parts.append(f"score {exclusion.score:.2f} below min_score {min_score:.2f}")
        else:
            parts.append(f"no {rule}")
    return ", ".join(parts)


def explain(problem: MatchingProblem, result: MatchingResult, mentee_id: str) -> Explanation:
    """Explain what happened to one mentee of a result, and why, as data.

    Works for any result that :func:`verify` accepts for ``problem``, fresh
    from :func:`solve` or read back with ``from_data``; the explanation is
    the same either way, and deterministic. For a match: its score per
    criterion. For the best allowed mentors not chosen: the score gap, why
    each lost (its seats held by whom, a tie, or the rest of the optimum
    being worth more) and how much the pair's score would have to rise to
    be chosen (from the dual prices). For the mentors not allowed: the rules
    that refuse the pair (required criteria, ``forbidden``, ``min_score``).

    Args:
        problem: The problem the result solves.
        result: The result.
        mentee_id: The mentee to explain.

    Returns:
        An :class:`Explanation`; ``.text()`` says it in sentences.

    Raises:
        InvalidTypeError: ``problem`` or ``result`` is of the wrong type.
        UnknownIdError: No such mentee.
        MatchingError: ``verify`` refuses the result for this problem.

    >>> from ementoring.matching import Mentee, Mentor, MatchingProblem, topic_fit, solve
    >>> problem = MatchingProblem([Mentor("ana", offers=["cv"]), Mentor("ben", offers=["visa"])],
    ...                           [Mentee("olga", goals=["cv"])], [topic_fit()])
    >>> why = explain(problem, solve(problem), "olga")
    >>> [(m.mentor_id, m.score) for m in why.matches]
    [('ana', 1.0)]
    >>> why.alternatives[0].mentor_id, why.alternatives[0].gap, why.alternatives[0].outcome
    ('ben', 1.0, <Outcome.NEEDS_RISE: 'needs_rise'>)
    >>> print(why.text())
    olga is matched with ana (score 1.00: topic_fit 1.00).
    Alternative ben (score 0.00: topic_fit 0.00) would need a score 1.00 higher to be chosen.
    """
    if not isinstance(problem, MatchingProblem):
        raise InvalidTypeError("problem", problem, "a MatchingProblem")
    if not isinstance(result, MatchingResult):
        raise InvalidTypeError("result", result, "a MatchingResult")
    if not isinstance(mentee_id, str):
        raise InvalidTypeError("mentee_id", mentee_id, "a mentee id (str)")
    scored = _scored_for(problem, result)
    return _explain(scored, result, mentee_id)


def explanation_text(result: MatchingResult, mentee_id: str) -> str:
    """The words of :func:`explain` for a result fresh from ``solve``, which knows its problem."""
    scored = result._scored
    if scored is None:
        raise ValidationError("result", "MatchingResult", "a result returned by solve()")
    return explain(scored.scorer.problem, result, mentee_id).text()


def _scored_for(problem: MatchingProblem, result: MatchingResult) -> ScoredPairs:
    """The scored pairs behind a result: its own if it is fresh from solve, else verified anew."""
    scored = result._scored
    if (
        scored is not None
        and scored.owner is result
        and (scored.scorer.problem is problem or scored.scorer.problem == problem)
    ):
        return scored
    verify(problem, result)
    scored = ScoredPairs(PairScorer(problem))
    scored.owner = result
    # Kept with the result (a cache, outside equality), so the next mentee is quick.
    object.__setattr__(result, "_scored", scored)
    return scored


def _explain(scored: ScoredPairs, result: MatchingResult, mentee_id: str) -> Explanation:
    scorer = scored.scorer
    i = scorer.mentee_index.get(mentee_id)
    if i is None:
        raise UnknownIdError("mentee_id", mentee_id, "unknown mentee id")
    names = scorer.names
    mentee = scorer.mentees[i]
    mine = tuple(m for m in result.matches if m.mentee_id == mentee_id)
    taken = {m.mentor_id for m in mine}
    best = max((m.score for m in mine), default=None)
    ranked = [c for c in scored.allowed[i] if scorer.mentor_ids[c[0]] not in taken]
    ranked.sort(key=lambda c: (-c[2], scorer.mentor_ids[c[0]]))
    shown = ranked[:_ALTERNATIVES]
    rises: dict[int, int] = {}
    if result.certificate is not None and scorer.mentee_room[i] > 0:
        rises = rises_of(scored, result, i, {c[0] for c in shown if scorer.mentor_room[c[0]] > 0})
    holders: dict[str, list[Match]] = {}
    for match in result.matches:
        holders.setdefault(match.mentor_id, []).append(match)
    alternatives = []
    for j, score, score_units, breakdown in shown:
        mentor_id = scorer.mentor_ids[j]
        outcome, rise = _outcome(scored, result, j, score_units, rises.get(j), holders)
        alternatives.append(
            Alternative(
                mentor_id=mentor_id,
                score=score,
                breakdown=dict(zip(names, breakdown, strict=True)),
                gap=None if best is None else best - score,
                outcome=outcome,
                rise=rise,
                held_by=tuple(sorted(m.mentee_id for m in holders.get(mentor_id, ()))),
                notes=_described(scorer, i, j),
            )
        )
    unmatched = result.unmatched.get(mentee_id)
    excluded: list[Exclusion] = []
    count = 0
    if (
        unmatched is None or unmatched.reason is not UnmatchedReason.NO_ALLOWED_MENTOR
    ) and scorer.mentee_room[i] > 0:
        allowed = {c[0] for c in scored.allowed[i]} | scorer.pinned_of.get(i, set())
        others = [j for j in range(len(scorer.mentors)) if j not in allowed]
        count = len(others)
        excluded = [_exclusion(scorer, i, j) for j in others[:_EXCLUDED]]
    return Explanation(
        mentee_id=mentee_id,
        capacity=mentee.capacity,
        criteria=names,
        matches=mine,
        unmatched=unmatched,
        alternatives=tuple(alternatives),
        excluded=tuple(excluded),
        excluded_count=count,
        mentor_count=len(scorer.mentors),
        min_score=scorer.problem.min_score,
        match_notes={
            m.mentor_id: _described(scorer, i, scorer.mentor_index[m.mentor_id]) for m in mine
        },
    )


def _exclusion(scorer: PairScorer, i: int, j: int) -> Exclusion:
    """The rules refusing pair (mentee i, mentor j)."""
    breakdown = scorer.evaluate(i, j, stop_on_required=False)
    assert not isinstance(breakdown, int)
    rules = [c.name for k, c in enumerate(scorer.criteria) if c.required and breakdown[k] == 0]
    if j in scorer.forbidden.get(i, ()):
        rules.append("forbidden")
    if not rules:
        return Exclusion(
            mentor_id=scorer.mentor_ids[j],
            rules=("min_score",),
            score=scorer.score_of(breakdown),
        )
    return Exclusion(mentor_id=scorer.mentor_ids[j], rules=tuple(rules))


def _outcome(
    scored: ScoredPairs,
    result: MatchingResult,
    j: int,
    score_units: int,
    rise: int | None,
    holders: dict[str, list[Match]],
) -> tuple[Outcome, float | None]:
    scorer = scored.scorer
    if scorer.mentor_room[j] <= 0:
        return Outcome.NO_SEAT, None
    certificate = result.certificate
    if certificate is None or rise is None:
        held = [m.score for m in holders.get(scorer.mentor_ids[j], ())]
        if len(held) < scorer.mentors[j].capacity:
            return Outcome.FREE_SEAT, None
        lowest = min(units(score) for score in held)
        if lowest <= score_units:
            return Outcome.HOLDER_TIE, None
        return Outcome.HOLDERS_PREFERRED, (lowest - score_units) / SCALE
    if certificate.bonus and rise >= certificate.bonus:
        return Outcome.WOULD_UNMATCH, None
    if rise < certificate.tie_unit:
        return Outcome.TIE, None
    return Outcome.NEEDS_RISE, rise / (certificate.tie_unit * SCALE)
