"""The dead reason says the spacing `_apart` measures, slack included.

Three failing checks 3 days less 10 minutes apart make a source dead under the default rule
(3 checks, 3 days): the reason said "at least 3 days apart", which they were not.
"""

from __future__ import annotations

import pytest

from crawler.state import next_state


def _dead_reason(days_apart: list[str], dead_after_days: float) -> str:
    """The state after 404 checks at the given times under dead_after_checks 3."""
    state: dict = {}
    for at in days_apart:
        state = next_state(state, {"at": at, "class": "client-error", "reason": "404"}, 3, dead_after_days)
    assert state["state"] == "dead", state
    return state["state_reason"]


def test_checks_a_quarter_hour_short_of_the_days_are_said_to_be_so():
    times = ["2026-01-01T00:10:00+00:00", "2026-01-04T00:00:00+00:00", "2026-01-07T00:00:00+00:00"]
    assert _dead_reason(times, 3) == "dead: 3 failing checks at least 3 days apart (less 15m) (client-error: 404)"


@pytest.mark.parametrize("dead_after_days, shown", [(0, "at least 0 days apart"),
                                                     (0.01, "at least 0.01 days apart (less 86.4s)")])
def test_the_slack_said_is_the_one_applied(dead_after_days, shown):
    # a tenth of the spacing when that is less than a quarter hour; none under dead_after_days 0
    times = ["2026-01-01T00:00:00+00:00", "2026-01-01T00:14:00+00:00", "2026-01-01T00:28:00+00:00"]
    assert _dead_reason(times, dead_after_days) == f"dead: 3 failing checks {shown} (client-error: 404)"


def test_a_reason_that_names_its_class_is_not_headed_by_it_twice():
    times = ["2026-01-01T00:00:00+00:00", "2026-01-04T00:00:00+00:00", "2026-01-07T00:00:00+00:00"]
    state: dict = {}
    for at in times:
        state = next_state(state, {"at": at, "class": "soft-404", "reason": "soft-404: the page's title says so"}, 3, 3)
    assert state["state_reason"] == "dead: 3 failing checks at least 3 days apart (less 15m) (soft-404: the page's title says so)"
