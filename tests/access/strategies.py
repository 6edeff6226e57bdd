"""Hypothesis strategies for actors (to move to ``ementoring.testing`` later)."""

from __future__ import annotations

from hypothesis import strategies as st

from ementoring.access import Actor, Role

PROGRAM_IDS = ("spring-2026", "autumn-2026")
MENTORSHIP_IDS = ("m1", "m2")
PEOPLE = ("david", "olga", "ivan", "anna", "root")

actors = st.builds(
    Actor,
    st.sampled_from(PEOPLE),
    roles=st.sets(st.sampled_from(list(Role))),
    program_ids=st.sets(st.sampled_from(PROGRAM_IDS)),
    mentorship_ids=st.sets(st.sampled_from(MENTORSHIP_IDS)),
)
