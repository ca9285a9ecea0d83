"""The quality gate: verdict accuracy on the labelled set stays at or above the pinned floors.

Floors and the digest of the cases they were measured on live in
tests/data/labelled/gate.json (written by `python bench/reconcile.py --pin`, which
refuses to lower a floor without --allow-regression), as trafilatura's eval_gate does.
"""

from __future__ import annotations

import json

from tests.labelled import GATE, digest, evaluate, gate_failures, load_cases, pin


def test_verdicts_meet_the_pinned_floors():
    gate = json.loads(GATE.read_text())
    result = evaluate(load_cases())
    assert gate_failures(result, gate, digest()) == []


def test_changed_cases_need_a_new_pin():
    gate = json.loads(GATE.read_text())
    result = {"accuracy": 1.0, "per_verdict": {}}
    assert "re-pin" in gate_failures(result, gate, "0" * 64)[0]


def test_a_lower_floor_is_refused_without_the_flag():
    gate = {"digest": digest(), "accuracy": 1.0, "f1": {"altered": 1.0}}
    worse = {"accuracy": 0.9, "per_verdict": {"altered": {"f1": 0.8, "support": 10}}}
    try:
        pin(worse, gate, allow_regression=False)
    except SystemExit as exc:
        assert "altered" in str(exc) and "--allow-regression" in str(exc)
    else:
        raise AssertionError("pin lowered a floor without --allow-regression")
    assert pin(worse, gate, allow_regression=True)["f1"] == {"altered": 0.8}
    failures = gate_failures(worse, gate, digest())
    assert failures == ["accuracy 0.900 < floor 1.000", "altered: F1 0.800 < floor 1.000"]
