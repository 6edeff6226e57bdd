"""Reminders of every kind, over every instant a clock can show."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import attrs
from hypothesis import strategies as st

from ementoring._validate import coerce_enum, items_of
from ementoring.accounting import Pace
from ementoring.display import SESSION_CHANGES
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.journal import AuthorRole
from ementoring.journey import Survey, standard_plan
from ementoring.reminders import (
    PARAMS,
    ActionItemParams,
    ChangeParams,
    NoSessionParams,
    PaceParams,
    Params,
    Reminder,
    ReminderKind,
    ReplyParams,
    ReviewParams,
    SessionParams,
    SurveyParams,
)
from ementoring.testing._options import check_flag
from ementoring.testing._timezones import instants, zones
from ementoring.timezones import EARLIEST, LATEST

# Every instant a Reminder accepts: the supported range (ementoring.timezones).
_REMINDER_MIN = EARLIEST
_REMINDER_MAX = LATEST - timedelta(microseconds=1)


def _any_ids() -> st.SearchStrategy[str]:
    """Ids as a platform might have them, "/" and "%" (which keys escape) included."""
    return st.one_of(
        st.sampled_from(["olga", "ivan", "m/1", "s%2F1", "a/b%c", "Ольга"]),
        # Any letters a directory's ids may hold (no control characters, no lone surrogates).
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=12).filter(
            lambda text: text == text.strip()
        ),
    )


def _people() -> st.SearchStrategy[list[str]]:
    """One to four different ids: the others at a session, a group session's included."""
    return st.lists(_any_ids(), min_size=1, max_size=4, unique=True)


def _spans(moments: st.SearchStrategy[datetime]) -> st.SearchStrategy[tuple[datetime, datetime]]:
    """A session's start and end, 15 minutes to 3 hours apart (cut at the last instant)."""
    return st.builds(
        lambda start, minutes: (start, min(start + timedelta(minutes=minutes), _REMINDER_MAX)),
        moments,
        st.integers(15, 180),
    )


def _surveys() -> st.SearchStrategy[Survey]:
    """The standard surveys (titled in every language) under any id a plan may give them."""
    return st.builds(
        lambda survey, survey_id: attrs.evolve(survey, id=survey_id),
        st.sampled_from(standard_plan("p").surveys),
        st.sampled_from(["check_in", "pairing_fit"]) | _any_ids(),
    )


def _reminder_params(
    kind: ReminderKind, moments: st.SearchStrategy[datetime]
) -> st.SearchStrategy[Params]:
    amounts = st.integers(0, 10**6).map(lambda minutes: timedelta(minutes=minutes))
    counts = st.integers(0, 10_000)
    cls = PARAMS[kind]
    if cls is SessionParams:
        return st.builds(
            lambda span, partners: SessionParams(
                session_start=span[0], session_end=span[1], partner_ids=partners
            ),
            _spans(moments),
            _people(),
        )
    if cls is ReplyParams:
        return st.builds(
            lambda span, waiting: ReplyParams(
                session_start=span[0], session_end=span[1], waiting_ids=waiting
            ),
            _spans(moments),
            _people(),
        )
    if cls is ChangeParams:
        return st.builds(
            lambda change, span, before, partners: ChangeParams(
                change=change,
                session_start=span[0],
                session_end=span[1],
                earlier_start=before[0] if change == "moved" else None,
                earlier_end=before[1] if change == "moved" else None,
                partner_ids=partners,
            ),
            st.sampled_from(SESSION_CHANGES),
            _spans(moments),
            _spans(moments),
            _people(),
        )
    if cls is NoSessionParams:
        return st.builds(
            NoSessionParams, partner_id=_any_ids(), last_session_end=st.none() | moments
        )
    if cls is PaceParams:
        return st.builds(
            PaceParams,
            pace=st.sampled_from([Pace.BEHIND, Pace.AT_RISK]),
            logged=amounts,
            target=amounts,
            expected_by_now=amounts,
            sessions_completed=counts,
            days_since_last_session=st.none() | counts,
        )
    if cls is SurveyParams:
        return st.builds(
            lambda survey, occasion, partner, opens: SurveyParams(
                survey=survey,
                occasion=occasion,
                partner_id=partner,
                opens_at=opens,
                answer_by=min(opens + survey.answer_within, _REMINDER_MAX),
            ),
            _surveys(),
            st.integers(1, 3),
            _any_ids(),
            moments,
        )
    if cls is ReviewParams:
        return st.builds(
            ReviewParams,
            author_id=_any_ids(),
            author_role=st.sampled_from(list(AuthorRole)),
            written_at=moments,
            waited_days=counts,
        )
    return st.builds(
        ActionItemParams,
        description=st.text(min_size=1, max_size=300).filter(str.strip),
        due_on=st.dates(_REMINDER_MIN.date(), _REMINDER_MAX.date()),
        assigned_by=_any_ids(),
    )


def reminders(
    *, kinds: Sequence[ReminderKind | str] | None = None, story_only: bool = False
) -> st.SearchStrategy[Reminder]:
    """Valid reminders of every kind, with the facts each kind carries.

    Ids include "/" and "%" (escaped in keys) and any letters; zones are any of
    the database; instants range over every year a clock can show, so a
    renderer is tried far beyond the story's dates.

    Args:
        kinds: Only these kinds (default: all).
        story_only: Keep to :data:`STORY_ZONES` and the years 2000 to 2040.

    Raises:
        ValidationError: An unknown kind, or no kind at all.
        InvalidTypeError: ``kinds`` is not a list, or ``story_only`` not a bool.

    >>> from hypothesis import given
    >>> from ementoring.people import Directory, Person
    >>> from ementoring.reminders import render
    >>> @given(reminders(story_only=True))
    ... def test_every_reminder_renders(reminder):
    ...     people = Directory(people=[Person(id=reminder.recipient_id, locale="ru")])
    ...     assert render(reminder, people)
    >>> test_every_reminder_renders()
    """
    check_flag(story_only, "story_only")
    if kinds is not None and (isinstance(kinds, str) or not isinstance(kinds, Sequence)):
        raise InvalidTypeError("kinds", kinds, "a list of reminder kinds")
    chosen = tuple(
        coerce_enum(ReminderKind, kind, "kinds")
        for kind in (
            tuple(ReminderKind)
            if kinds is None
            else items_of(kinds, object, "kinds", "an iterable of reminder kinds")
        )
    )
    if not chosen:
        raise ValidationError("kinds", kinds, "must name at least one kind")
    moments = (
        instants(around_transitions=False)
        if story_only
        else instants(min_value=_REMINDER_MIN, max_value=_REMINDER_MAX, around_transitions=False)
    )

    @st.composite
    def build(draw: st.DrawFn) -> Reminder:
        kind = draw(st.sampled_from(chosen))
        params = draw(_reminder_params(kind, moments))
        # A survey's reminder is about that survey, asked about one pair.
        survey = params.survey if isinstance(params, SurveyParams) else None
        return Reminder(
            kind=kind,
            recipient_id=draw(_any_ids()),
            about_id=draw(_any_ids()) if survey is None else survey.id,
            due_at=draw(moments),
            program_zone=draw(zones(story_only=story_only)),
            params=params,
            mentorship_ids=[] if survey is None else [draw(_any_ids())],
        )

    return build()
