"""Matching: end-to-end solve on large problems, against greedy fill and networkx.

Workloads (full sizes; quick mode shrinks them):
(a) 5,000 mentees x 1,000 mentors of capacity 5, hard rules (same field and a
    shared language, required) leaving about 20 allowed mentors per mentee:
    objects to result (problem, scoring, solving, a first explanation), pure
    Python and with scipy; the baseline is the greedy fill by score that
    commercial bulk matchers use.
(b) 1,000 mentees x 200 mentors of capacity 5, every pair allowed, four criteria.
(c) 400 x 400, one seat each, against networkx.max_weight_matching on the same
    integer weights, pure Python and with scipy (each timed against its own
    networkx run).
(d) 1,000 mentees x 200 mentors with weekly availability in five zones (nearly
    all different), scored on schedule_overlap over ten weeks across the
    spring clock changes (plus three other criteria): the bulk scorer against
    scoring the same criteria pair by pair, the plain definition (identical
    floats, checked).
Each case checks the answers: ours verifies, and the baselines are never better.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import networkx as nx

from _harness import Case
from ementoring.matching import (
    MatchingProblem,
    MatchingResult,
    Mentee,
    Mentor,
    greedy_fill,
    same_field,
    schedule_overlap,
    shared_language,
    solve,
    timezone_gap,
    topic_fit,
    verify,
)
from ementoring.matching._scorer import PairScorer, ScoredPairs
from ementoring.scheduling import Availability, Interval

ZONES = ("America/Toronto", "America/Vancouver", "Europe/Moscow", "Asia/Jerusalem", "Europe/Berlin")
TOPICS = tuple(f"topic {k}" for k in range(12))
AT = datetime(2026, 3, 16, tzinfo=UTC)


def people(
    mentees: int, mentors: int, capacity: int, fields: int, seed: int, per_mentor: int = 1
) -> tuple[list[Mentor], list[Mentee]]:
    """Random people; each mentor lists ``per_mentor`` fields (one: field ``k % fields``)."""
    rnd = random.Random(seed)
    mentor_list = [
        Mentor(
            f"r{k:05d}",
            capacity=capacity,
            zone=rnd.choice(ZONES),
            languages=["English"] + (["Russian"] if rnd.random() < 0.5 else []),
            fields=[f"field {k % fields}"]
            if per_mentor == 1
            else [f"field {f}" for f in rnd.sample(range(fields), per_mentor)],
            offers=rnd.sample(TOPICS, 4),
        )
        for k in range(mentors)
    ]
    mentee_list = [
        Mentee(
            f"e{k:05d}",
            zone=rnd.choice(ZONES),
            languages=["Russian"] + (["English"] if rnd.random() < 0.9 else []),
            fields=[f"field {rnd.randrange(fields)}"],
            goals=rnd.sample(TOPICS, 3),
        )
        for k in range(mentees)
    ]
    return mentor_list, mentee_list


def criteria(required: bool) -> list:  # type: ignore[type-arg]
    return [
        same_field(required=required),
        shared_language(required=required),
        topic_fit(weight=2),
        timezone_gap(at=AT),
    ]


def _end_to_end(mentors: list[Mentor], mentees: list[Mentee], backend: str, required: bool):  # type: ignore[no-untyped-def]
    """Objects to result: problem, scoring, solving, and one explanation.

    ``explain`` prepares what it reads on first use (the residual graph of
    the mentee's part), so one call is included: the result is then ready to
    explain any mentee of that part at a few milliseconds each.
    """

    def run() -> MatchingResult:
        problem = MatchingProblem(mentors, mentees, criteria(required))
        result = solve(problem, backend=backend)  # type: ignore[arg-type]
        result.explain(mentees[0].id)
        return result

    return run


def _explain_afresh(result: MatchingResult, mentee_ids: list[str]) -> list[str]:
    """Explain mentees with nothing prepared (explain caches each part's residual graph)."""
    assert result._scored is not None
    result._scored.residual = None
    return [result.explain(m) for m in mentee_ids]


def _check_against_greedy(problem: MatchingProblem):  # type: ignore[no-untyped-def]
    def check(ours: object, greedy: object) -> None:
        assert isinstance(ours, MatchingResult)
        verify(problem, ours)
        assert isinstance(greedy, tuple)
        count, total = len(greedy), sum(m.score for m in greedy)
        assert len(ours.matches) >= count
        loss = 100 * (ours.total_score - total) / ours.total_score if ours.total_score else 0.0
        print(
            f"    greedy fill: {count} pairs, total {total:.1f}; ours {len(ours.matches)} pairs,"
            f" total {ours.total_score:.1f}; greedy loses {loss:.2f} % of the score"
        )

    return check


def _solver_only(problem: MatchingProblem, backend: str, objective: str = "most_matched"):  # type: ignore[no-untyped-def]
    """Time only the solver on pre-scored pairs (components, solve, duals)."""
    from ementoring.matching import _assign
    from ementoring.matching._gains import IntegerGains
    from ementoring.matching._solvers import solve_python, solve_scipy

    scored = ScoredPairs(PairScorer(problem))
    gains = IntegerGains(scored.max_pairs(), objective)

    def run() -> int:
        total = 0
        for component in _assign._components(scored, gains):
            solution = solve_scipy(component) if backend == "scipy" else None
            if solution is None:
                solution = solve_python(component)
            total += len(solution.chosen)
        return total

    return run


TEN_WEEKS = Interval(datetime(2026, 2, 23, tzinfo=UTC), datetime(2026, 5, 4, tzinfo=UTC))


def _with_availability(people: list, seed: int) -> list:  # type: ignore[type-arg]
    """The same people, each with two weekly windows of their own on their own clock.

    Start times vary by half hours, so nearly every availability is different:
    the bulk scorer cannot share work between equal ones (its worst case).
    """
    import attrs

    rnd = random.Random(seed)

    def window() -> str:
        days = rnd.choice(("MO-FR", "TU,TH", "MO,WE", "SA", "MO-TH"))
        start = rnd.randrange(12, 42)  # half hours from 06:00 to 20:30
        length = rnd.choice((2, 3, 4, 6))
        end = min(start + length, 48)
        return f"{days} {start // 2:02d}:{start % 2 * 30:02d}-{end // 2:02d}:{end % 2 * 30:02d}"

    return [
        attrs.evolve(p, availability=Availability(p.zone, weekly=[window(), window()]))
        for p in people
    ]


def _scoring(problem: MatchingProblem, bulk: bool):  # type: ignore[no-untyped-def]
    def run() -> list[object]:
        scorer = PairScorer(problem)
        score = scorer.allowed if bulk else scorer.allowed_reference
        return [score(i) for i in range(len(scorer.mentees))]

    return run


def _weights_400(size: int, seed: int) -> tuple[MatchingProblem, nx.Graph]:
    mentors, mentees = people(size, size, 1, 1, seed)
    problem = MatchingProblem(mentors, mentees, criteria(False))
    scored = ScoredPairs(PairScorer(problem))
    graph = nx.Graph()
    for i, cands in enumerate(scored.allowed):
        for j, _, units, _ in cands:
            graph.add_edge(("e", i), ("r", j), weight=units)
    return problem, graph


def cases(quick: bool) -> list[Case]:
    try:
        import scipy  # noqa: F401

        have_scipy = True
    except ImportError:
        have_scipy = False
    # Best of 5 timed runs (after a warm-up): this machine's speed varies by
    # +-20 % from run to run, and every case here takes about a second or less.
    repeat = 3 if quick else 5
    n_a, m_a = (200, 40) if quick else (5_000, 1_000)
    mentors_a, mentees_a = people(n_a, m_a, 5, m_a // 20, seed=1)
    problem_a = MatchingProblem(mentors_a, mentees_a, criteria(True))
    solved_a = solve(problem_a, backend="python")
    sample = [m.id for m in mentees_a[:: max(1, n_a // (20 if quick else 100))]]
    result: list[Case] = [
        Case(
            workload=f"(a) {n_a:,} x {m_a:,} cap 5, ~20 allowed each, end to end, pure Python",
            ours=_end_to_end(mentors_a, mentees_a, "python", True),
            baseline=lambda: greedy_fill(problem_a),
            baseline_name="greedy_fill (scoring+sort)",
            target="< 3 s",
            repeat=repeat,
            check=_check_against_greedy(problem_a),
        ),
        Case(
            workload="(a) solver only (components, solve, duals), pure Python",
            ours=_solver_only(problem_a, "python"),
            repeat=repeat,
        ),
        Case(
            workload=f"(a) explain {len(sample)} mentees of a solved result, from scratch",
            ours=lambda: _explain_afresh(solved_a, sample),
            repeat=repeat,
        ),
    ]
    if have_scipy:
        result += [
            Case(
                workload=f"(a) {n_a:,} x {m_a:,} cap 5, ~20 allowed each, end to end, scipy",
                ours=_end_to_end(mentors_a, mentees_a, "scipy", True),
                target="< 0.5 s",
                repeat=repeat,
            ),
            Case(
                workload="(a) solver only (components, solve, duals), scipy",
                ours=_solver_only(problem_a, "scipy"),
                repeat=repeat,
            ),
        ]
    n_b, m_b = (100, 20) if quick else (1_000, 200)
    mentors_b, mentees_b = people(n_b, m_b, 5, 10, seed=2)
    problem_b = MatchingProblem(mentors_b, mentees_b, criteria(False))
    result.append(
        Case(
            workload=f"(b) {n_b:,} x {m_b:,} cap 5, all pairs allowed, 4 criteria, pure Python",
            ours=_end_to_end(mentors_b, mentees_b, "python", False),
            baseline=lambda: greedy_fill(problem_b),
            baseline_name="greedy_fill (scoring+sort)",
            target="< 5 s",
            repeat=repeat,
            check=_check_against_greedy(problem_b),
        )
    )
    if have_scipy:
        result.append(
            Case(
                workload=f"(b) {n_b:,} x {m_b:,} cap 5, all pairs allowed, 4 criteria, scipy",
                ours=_end_to_end(mentors_b, mentees_b, "scipy", False),
                repeat=repeat,
            )
        )
    size = 40 if quick else 400
    problem_c, graph_c = _weights_400(size, seed=3)

    def check_c(ours: object, theirs: object) -> None:
        assert isinstance(theirs, set)
        solved = solve(problem_c, objective="total_score", backend="python")
        verify(problem_c, solved)
        # networkx maximises the same integer units: equal totals.
        theirs_total = sum(graph_c.edges[e]["weight"] for e in theirs)
        ours_total = sum(round(m.score * 1_000_000) for m in solved.matches)
        assert ours_total == theirs_total, (ours_total, theirs_total)

    result += [
        Case(
            workload=f"(c) {size} x {size}, one seat each, total_score, solver only, pure Python",
            ours=_solver_only(problem_c, "python", "total_score"),
            baseline=lambda: nx.max_weight_matching(graph_c),
            baseline_name="networkx.max_weight_matching",
            target=">= 50x",
            repeat=repeat,
            check=check_c,
        ),
        Case(
            workload=f"(c) {size} x {size}, one seat each, total_score, end to end, pure Python",
            ours=lambda: solve(problem_c, objective="total_score", backend="python"),
            repeat=repeat,
        ),
    ]
    if have_scipy:

        def check_c_scipy(ours: object, theirs: object) -> None:
            check_c(ours, theirs)
            fast = solve(problem_c, objective="total_score", backend="scipy")
            verify(problem_c, fast)
            assert fast == solve(problem_c, objective="total_score", backend="python")

        result.append(
            Case(
                workload=f"(c) {size} x {size}, one seat each, total_score, solver only, scipy",
                ours=_solver_only(problem_c, "scipy", "total_score"),
                baseline=lambda: nx.max_weight_matching(graph_c),
                baseline_name="networkx.max_weight_matching",
                target=">= 50x",
                repeat=repeat,
                check=check_c_scipy,
            )
        )
    n_d, m_d = (100, 20) if quick else (1_000, 200)
    mentors_d, mentees_d = people(n_d, m_d, 5, 10, seed=4)
    problem_d = MatchingProblem(
        _with_availability(mentors_d, 5),
        _with_availability(mentees_d, 6),
        [*criteria(False), schedule_overlap(TEN_WEEKS, meeting=timedelta(hours=1))],
    )

    def check_d(ours: object, theirs: object) -> None:
        assert ours == theirs  # the very floats, row by row

    result.append(
        Case(
            workload=f"(d) {n_d:,} x {m_d:,}, schedule_overlap over 10 weeks + 3 criteria, scoring",
            ours=_scoring(problem_d, bulk=True),
            baseline=_scoring(problem_d, bulk=False),
            baseline_name="the same criteria pair by pair",
            repeat=repeat,
            check=check_d,
        )
    )
    return result
