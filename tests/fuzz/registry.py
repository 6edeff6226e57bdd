"""Help for the fuzzer: example instances per type, example arguments per callable, and skips.

Nothing here is required: without an entry, arguments come from annotations
(see ``values.plausible``). Add an entry when a callable's arguments must fit
together for the call to get past its first check (see ``tests/fuzz/__init__.py``).
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from hypothesis import strategies as st

Example = Callable[[], tuple[tuple[Any, ...], dict[str, Any]]]

EXAMPLES: dict[str, list[Example]] = {}
"""Valid ``(args, kwargs)`` per qualified callable name; the fuzzer mutates them.

Filled by :func:`_examples` below (it imports the library lazily).
"""

SKIP: dict[str, str] = {
    "ementoring.errors": (
        "the exception classes are raised by the library, not called with user input"
    ),
}
"""Qualified names (modules, classes or callables) not fuzzed, with the reason."""

_NOW = datetime(2026, 3, 10, 16, tzinfo=UTC)
_START = date(2026, 3, 2)
_WEEK, _HOUR = timedelta(weeks=1), timedelta(hours=1)


@functools.cache
def _instances() -> dict[type, st.SearchStrategy[Any]]:
    """Example instances per type: ementoring.testing's strategies and a few by hand."""
    from ementoring import testing
    from ementoring.access import Actor
    from ementoring.accounting import (
        HourEntry,
        HourLedger,
        LedgerLine,
        Mentorship,
        MentorshipEvent,
        Program,
        Session,
        SessionEvent,
        extend,
    )
    from ementoring.journal import (
        ActionItem,
        Agenda,
        AgendaItem,
        Journal,
        JournalEntry,
        Review,
        Topic,
    )
    from ementoring.journey import (
        DueSurvey,
        FeedbackPlan,
        Goal,
        GoalEvent,
        Offer,
        OfferEvent,
        PersonChange,
        Question,
        Release,
        Response,
        Survey,
    )
    from ementoring.matching import (
        Certificate,
        Criterion,
        Match,
        MatchingProblem,
        MatchingResult,
        Mentee,
        Mentor,
        Unmatched,
        attribute_equal,
        same_field,
        shared_language,
        solve,
        timezone_gap,
        topic_fit,
    )
    from ementoring.people import Directory, Person
    from ementoring.scheduling import (
        Availability,
        Booking,
        Busy,
        BusyLocal,
        FreeBlocks,
        FreeTime,
        Interval,
        IntervalSet,
        RecurringWindow,
        ReplaceDate,
        SkipDate,
        WeeklyWindow,
    )
    from ementoring.timezones import Transition, transitions

    meeting = Interval(_NOW, _NOW + timedelta(hours=1))
    fortnight = Interval(_NOW - timedelta(days=7), _NOW + timedelta(days=7))
    results = testing.matching_problems().map(solve)

    def parts(strategy: st.SearchStrategy[Any], pick: Callable[[Any], Any]) -> Any:
        """Pieces of bigger examples (a result's matches, a ledger's lines...)."""
        return strategy.map(lambda whole: tuple(pick(whole))).filter(bool).flatmap(st.sampled_from)

    pair = Mentorship("m1", "p", "ivan", "olga", started_on=_START)
    program = Program("p", "P", starts_on=_START, zone="America/Toronto")
    extended = extend(pair, 2, {"ivan", "olga"}, _NOW, program=program)
    return {
        Match: parts(results, lambda r: r.matches),
        Unmatched: parts(results, lambda r: r.unmatched.values()),
        Certificate: parts(results, lambda r: [r.certificate] if r.certificate else []),
        LedgerLine: parts(testing.ledgers(), lambda ledger: ledger.lines),
        SessionEvent: parts(testing.sessions(), lambda session: session.history),
        MentorshipEvent: st.sampled_from(extended.history),
        Interval: testing.intervals(),
        IntervalSet: testing.interval_sets(),
        WeeklyWindow: testing.weekly_windows(),
        Availability: testing.availabilities(),
        FreeTime: testing.availabilities().map(lambda person: person.free_time(fortnight)),
        FreeBlocks: testing.availabilities().map(
            lambda person: person.free_time(fortnight).blocks(timedelta(hours=1))
        ),
        Mentor: testing.mentors(),
        Mentee: testing.mentees(),
        MatchingProblem: testing.matching_problems(),
        MatchingResult: testing.matching_problems().map(solve),
        Person: testing.persons(),
        Directory: testing.directories(),
        Program: testing.programs(),
        Mentorship: testing.mentorships(),
        Session: testing.sessions(),
        HourLedger: testing.ledgers(),
        JournalEntry: testing.journal_entries(),
        Journal: testing.journals(),
        Criterion: st.sampled_from(
            [
                same_field(),
                shared_language(),
                topic_fit(),
                timezone_gap(at=_NOW),
                attribute_equal("city"),
            ]
        ),
        Topic: st.sampled_from([Topic("CV review"), Topic("interview prep")]),
        RecurringWindow: st.just(
            RecurringWindow("FREQ=WEEKLY;BYDAY=TU", time(18), time(19), starting=_START)
        ),
        SkipDate: st.just(SkipDate(date(2026, 3, 10))),
        ReplaceDate: st.just(ReplaceDate(date(2026, 3, 10), ["10:00-11:00"])),
        BusyLocal: st.just(BusyLocal(datetime(2026, 3, 10, 9), datetime(2026, 3, 10, 12))),
        Busy: st.just(Busy(meeting)),
        Booking: st.just(Booking("b1", meeting, ["olga", "ivan"])),
        Actor: st.sampled_from(
            [
                Actor("olga", roles=["mentee"], program_ids=["p"], mentorship_ids=["m1"]),
                Actor("anna", roles=["coordinator"], program_ids=["spring-2026"]),
            ]
        ),
        HourEntry: st.just(
            HourEntry(
                "e1",
                "m1",
                "olga",
                timedelta(hours=1),
                "preparation",
                occurred_on=date(2026, 3, 10),
                recorded_at=_NOW,
                recorded_by="olga",
            )
        ),
        AgendaItem: st.just(AgendaItem("CV review", requested_by="olga")),
        Agenda: st.just(Agenda("s1", "olga", [AgendaItem("CV review", requested_by="olga")])),
        ActionItem: st.just(
            ActionItem(
                "a1",
                "m1",
                "Send the CV",
                assigned_to="olga",
                assigned_by="ivan",
                created_at=_NOW,
            )
        ),
        Review: st.just(
            Review("r1", "j1", "anna", written_at=_NOW, comment="Good", kind="encouragement")
        ),
        Transition: st.just(
            transitions("America/Toronto", datetime(2026, 3, 1, tzinfo=UTC), _NOW)[0]
        ),
        Offer: testing.offers(),
        OfferEvent: parts(testing.offers(), lambda offer: offer.history),
        Goal: testing.goals(),
        GoalEvent: parts(testing.goals(), lambda goal: goal.history),
        FeedbackPlan: testing.feedback_plans(),
        Survey: parts(testing.feedback_plans(), lambda plan: plan.surveys),
        Question: parts(
            testing.feedback_plans(), lambda plan: [q for s in plan.surveys for q in s.questions]
        ),
        Response: testing.responses(),
        Release: st.just(Release(partner_id="ivan", reason="declined", by="olga")),
        PersonChange: st.just(
            PersonChange(
                person_id="olga",
                side="mentee",
                outcome="still_unmatched",
                released=[Release(partner_id="ivan", reason="expired")],
                unpaired="mentors_full",
            )
        ),
        DueSurvey: st.just(
            DueSurvey(
                program_id="p",
                program_zone="America/Toronto",
                survey_id="check_in",
                occasion=1,
                mentorship_id="m1",
                respondent_id="olga",
                side="mentee",
                partner_id="ivan",
                opens_at=_NOW,
                due_at=_NOW + timedelta(days=7),
                overdue=False,
            )
        ),
    }


def instances_for(annotation: Any) -> st.SearchStrategy[Any] | None:
    """The registered strategy for a type, if any: one of the above, or ``testing.models``."""
    if isinstance(annotation, type):
        found = _instances().get(annotation)
        if found is None:
            from ementoring.errors import InvalidTypeError
            from ementoring.testing import models

            try:
                return models(annotation)
            except InvalidTypeError:
                return None
        return found
    return None


def build_instance(
    cls: type,
    plausible: Callable[[Any, int], st.SearchStrategy[Any]],
    depth: int,
) -> st.SearchStrategy[Any]:
    """An instance of ``cls`` built from plausible constructor arguments.

    A few tries; if none builds, ``None`` stands in (the call then tests
    that argument's check instead of what lies behind it).
    """
    try:
        signature = inspect.signature(cls)
        init: Any = cls.__init__  # type: ignore[misc]
        hints = typing.get_type_hints(init)
    except (TypeError, ValueError, NameError):
        return st.just(None)
    needed = [
        p
        for p in signature.parameters.values()
        if p.default is inspect.Parameter.empty
        and p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        for _ in range(3):
            kwargs = {p.name: draw(plausible(hints.get(p.name, Any), depth + 1)) for p in needed}
            try:
                return cls(**kwargs)
            except Exception:
                continue
        return None

    return build()


def _story() -> dict[str, Any]:
    """One small coherent story: a program, a pair, sessions, a journal, a ledger, a matching."""
    from ementoring.access import Actor
    from ementoring.accounting import HourEntry, HourLedger, Mentorship, Program, Session, complete
    from ementoring.journal import Journal, JournalEntry
    from ementoring.matching import (
        MatchingProblem,
        Mentee,
        Mentor,
        same_field,
        solve,
        topic_fit,
    )
    from ementoring.scheduling import Availability, Booking, Interval

    program = Program("p", "P", starts_on=_START, zone="America/Toronto")
    pair = Mentorship("m1", "p", "ivan", "olga", started_on=_START)
    meeting = Interval(_NOW, _NOW + timedelta(hours=1))
    session = Session("s1", "m1", meeting, ["ivan", "olga"], proposed_at=_NOW - timedelta(days=7))
    # Held a week earlier: what journal_due reminders and pace read.
    held = complete(
        Session(
            "s0",
            "m1",
            Interval(_NOW - _WEEK, _NOW - _WEEK + _HOUR),
            ["ivan", "olga"],
            proposed_at=_NOW - 2 * _WEEK,
        ),
        at=_NOW - _WEEK + _HOUR,
    )
    # Two people who share free time on weekdays, and one booking of one of them.
    people = {
        "ivan": Availability("America/Toronto", weekly=["MO-FR 09:00-17:00"]),
        "olga": Availability("Europe/Moscow", weekly=["MO-FR 15:00-22:00"]),
    }
    week = Interval(_NOW - timedelta(days=1), _NOW + timedelta(days=6))
    booking = Booking("b1", meeting, ["ivan"], buffer_after=timedelta(minutes=15))
    problem = MatchingProblem(
        [Mentor("ana", fields=["law"]), Mentor("ben", fields=["it"], capacity=2)],
        [Mentee("olga", fields=["law"], goals=["CV review"]), Mentee("ivan", fields=["it"])],
        [same_field(), topic_fit()],
    )
    entry = JournalEntry(
        "e1", "m1", "olga", "mentee", written_at=_NOW, visibility="pair_and_coordinator"
    )
    journal = Journal.for_mentorship(pair).add_entry(entry)
    ledger = HourLedger().record(
        HourEntry(
            "h1",
            "m1",
            "olga",
            timedelta(hours=1),
            "preparation",
            occurred_on=date(2026, 3, 10),
            recorded_at=_NOW,
            recorded_by="olga",
        )
    )
    olga = Actor("olga", roles=["mentee"], program_ids=["p"], mentorship_ids=["m1"])
    cora = Actor("cora", roles=["coordinator"], program_ids=["p"])
    return {
        "program": program,
        "pair": pair,
        "session": session,
        "held": held,
        "entry": entry,
        "journal": journal,
        "ledger": ledger,
        "olga": olga,
        "cora": cora,
        "people": people,
        "week": week,
        "booking": booking,
        "problem": problem,
        "result": solve(problem),
    }


def _examples() -> None:
    def story(build: Callable[[dict[str, Any]], tuple[tuple[Any, ...], dict[str, Any]]]) -> Example:
        return lambda: build(_story())

    for name in ("can_read", "can_write", "can_review", "access_level", "require_read"):
        EXAMPLES[f"ementoring.access.{name}"] = [
            story(lambda s: ((s["olga"], s["entry"], s["pair"], s["program"]), {}))
        ]
    for name in ("visible_entries", "redacted_entries"):
        EXAMPLES[f"ementoring.access.{name}"] = [
            story(lambda s: ((s["olga"], s["journal"], s["pair"], s["program"]), {}))
        ]
    EXAMPLES["ementoring.accounting.progress"] = [
        story(
            lambda s: (
                (s["program"], s["pair"], s["ledger"], [s["session"]]),
                {"today": date(2026, 4, 1), "kinds": ["preparation", "meeting"]},
            )
        )
    ]
    EXAMPLES["ementoring.accounting.cohort_report"] = [
        story(
            lambda s: ((s["program"], [s["pair"]], s["ledger"], [s["session"]]), {"today": _START})
        )
    ]
    EXAMPLES["ementoring.accounting.weekly_hours"] = [
        story(lambda s: ((s["program"], s["ledger"], "m1"), {"kinds": ["preparation"]}))
    ]
    EXAMPLES["ementoring.reminders.reminders"] = [
        story(
            lambda s: (
                (s["program"], s["pair"], [s["session"]], s["journal"], s["ledger"]),
                {"viewer": s["olga"], "at": _NOW + timedelta(days=30)},
            )
        ),
        story(
            lambda s: (
                (s["program"], s["pair"], [s["session"]], s["journal"], s["ledger"]),
                {"viewer": s["cora"], "at": _NOW + timedelta(days=30)},
            )
        ),
        # Before the session and after the one held: agenda and journal reminders are due.
        story(
            lambda s: (
                (s["program"], s["pair"], [s["held"], s["session"]], s["journal"], s["ledger"]),
                {"viewer": s["olga"], "at": _NOW - timedelta(days=1)},
            )
        ),
    ]
    EXAMPLES["ementoring.access.coverage"] = [
        story(
            lambda s: (
                (s["journal"], s["pair"], s["program"]),
                {"goals": "CV review; networking", "viewer": s["olga"], "at": _NOW},
            )
        ),
    ]
    EXAMPLES["ementoring.access.review_queue"] = [
        story(
            lambda s: (
                (s["journal"], s["pair"], s["program"]),
                {"viewer": s["cora"], "at": _NOW + timedelta(days=8)},
            )
        )
    ]
    EXAMPLES["ementoring.access.acts_for"] = [
        story(lambda s: ((s["cora"], "coordinator", s["program"]), {}))
    ]
    EXAMPLES["ementoring.access.member_role"] = [story(lambda s: ((s["olga"], s["pair"]), {}))]
    EXAMPLES["ementoring.reports.program_analytics"] = [
        story(
            lambda s: (
                (s["program"], [s["pair"]], [s["session"]], s["ledger"], [s["journal"]]),
                {"viewer": s["cora"], "at": _NOW + timedelta(days=2), "goals": {"m1": "CV review"}},
            )
        )
    ]

    def scheduling(more: dict[str, Any], with_booking: bool) -> Example:
        def build(s: dict[str, Any]) -> tuple[tuple[Any, ...], dict[str, Any]]:
            bookings = {"bookings": [s["booking"]]} if with_booking else {}
            return (s["people"], s["week"]), {**more, **bookings}

        return story(build)

    def matching(takes_result: bool) -> Example:
        def build(s: dict[str, Any]) -> tuple[tuple[Any, ...], dict[str, Any]]:
            return ((s["problem"], s["result"]) if takes_result else (s["problem"],)), {}

        return story(build)

    for name in ("find_overlap", "find_slots"):
        more = {"duration": timedelta(hours=1)} if name == "find_slots" else {}
        EXAMPLES[f"ementoring.scheduling.{name}"] = [
            scheduling(more, with_booking=False),
            scheduling(more, with_booking=True),
        ]
    for name in ("verify", "blocking_pairs", "greedy_fill", "recommend_all"):
        EXAMPLES[f"ementoring.matching.{name}"] = [matching(name in ("verify", "blocking_pairs"))]
    EXAMPLES["ementoring.matching.explain"] = [
        story(lambda s: ((s["problem"], s["result"], "olga"), {}))
    ]
    EXAMPLES["ementoring.matching.recommend"] = [story(lambda s: ((s["problem"], "olga"), {}))]


_examples()
