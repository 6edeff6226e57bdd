"""RecurringWindow's UNTIL in its three forms: UTC (RFC 5545 3.3.10), local reading, date."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.errors import ValidationError
from ementoring.scheduling import Availability, Interval, RecurringWindow
from ementoring.testing import zones
from ementoring.timezones import POLICIES, Policy, to_instant

LOW, HIGH = datetime(2026, 1, 1), datetime(2027, 1, 1)


class TestUtcUntil:
    def test_the_form_rfc_5545_requires_is_accepted(self) -> None:
        """FREQ=DAILY;UNTIL=...Z (refused by dateutil beside a naive start) now works."""
        rule = RecurringWindow(
            "FREQ=DAILY;UNTIL=20260309T063000Z", time(1, 30), time(2), starting=date(2026, 3, 7)
        )
        # 01:30 on 9 March in Toronto (EDT) is 05:30Z, before UNTIL; 10 March is after.
        starts = rule.local_starts(LOW, HIGH, zone="America/Toronto")
        assert [s.day for s in starts] == [7, 8, 9]
        # In Moscow (UTC+3) 01:30 on 9 March is 22:30Z on the 8th: also kept; the 10th is not.
        assert [s.day for s in rule.local_starts(LOW, HIGH, zone="Europe/Moscow")] == [7, 8, 9]
        # In Los Angeles, 01:30 PDT on 9 March is 08:30Z: after UNTIL.
        assert [s.day for s in rule.local_starts(LOW, HIGH, zone="America/Los_Angeles")] == [7, 8]

    def test_local_and_date_forms_still_work(self) -> None:
        """A local reading and a date are compared on the person's clock, as before."""
        local = RecurringWindow(
            "FREQ=DAILY;UNTIL=20260309T013000", time(1, 30), time(2), starting=date(2026, 3, 7)
        )
        whole_day = RecurringWindow(
            "FREQ=DAILY;UNTIL=20260309", time(1, 30), time(2), starting=date(2026, 3, 7)
        )
        assert [s.day for s in local.local_starts(LOW, HIGH)] == [7, 8, 9]
        assert [s.day for s in whole_day.local_starts(LOW, HIGH)] == [7, 8]

    def test_availability_applies_it_in_its_zone(self) -> None:
        """Through Availability the person's zone decides; the first UNTIL position works too."""
        rule = RecurringWindow(
            "UNTIL=20260311T000000Z;FREQ=WEEKLY;BYDAY=MO,TU",
            "18:00",
            "20:00",
            starting=date(2026, 3, 2),
        )
        person = Availability("America/Toronto", recurring=[rule])
        month = Interval(datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
        starts = [i.start for i in person.intervals(month)]
        # Tuesday 10 March 18:00 EDT is 22:00Z, before midnight UTC: the last one.
        assert starts[-1] == datetime(2026, 3, 10, 22, tzinfo=UTC)
        assert len(starts) == 4

    def test_errors(self) -> None:
        """UNTIL with COUNT, a bad UNTIL, and a UTC UNTIL without a zone are typed errors."""
        with pytest.raises(ValidationError, match="COUNT and UNTIL"):
            RecurringWindow(
                "FREQ=DAILY;COUNT=3;UNTIL=20260309T063000Z",
                "09:00",
                "10:00",
                starting=date(2026, 3, 1),
            )
        with pytest.raises(ValidationError, match="UNTIL is not a valid date-time"):
            RecurringWindow(
                "FREQ=DAILY;UNTIL=20261399T063000Z", "09:00", "10:00", starting=date(2026, 3, 1)
            )
        rule = RecurringWindow(
            "FREQ=DAILY;UNTIL=20260309T063000Z", "09:00", "10:00", starting=date(2026, 3, 1)
        )
        with pytest.raises(ValidationError) as caught:
            rule.local_starts(LOW, HIGH)
        assert caught.value.field == "zone"

    @given(
        zones(),
        st.datetimes(datetime(2026, 1, 1), datetime(2026, 12, 1)),
        st.sampled_from(["FREQ=DAILY", "FREQ=HOURLY;INTERVAL=7", "FREQ=WEEKLY;BYDAY=MO,SA"]),
        st.sampled_from(POLICIES[:2]),
    )
    def test_law_keeps_exactly_the_starts_not_after_until(
        self, key: str, until_naive: datetime, body: str, policy: Policy
    ) -> None:
        """The starts kept are those of the open rule whose instant is not after UNTIL."""
        until = until_naive.replace(microsecond=0, tzinfo=UTC)
        start = time(0, 45)
        bounded = RecurringWindow(
            f"{body};UNTIL={until:%Y%m%dT%H%M%S}Z", start, time(1, 15), starting=date(2026, 1, 2)
        )
        open_rule = RecurringWindow(body, start, time(1, 15), starting=date(2026, 1, 2))
        low, high = datetime(2026, 1, 1), datetime(2027, 1, 1)
        expected = [
            s
            for s in open_rule.local_starts(low, high, limit=100_000)
            if to_instant(s, key, policy=policy) <= until
        ]
        got = bounded.local_starts(low, high, limit=100_000, zone=key, policy=policy)
        assert got == expected
        assert not expected or to_instant(expected[-1], key, policy=policy) > until - timedelta(
            days=8
        )
