"""A user's first lines: ``import ementoring.testing`` and ``import hypothesis``, each in a fresh interpreter.

pytest has already imported Hypothesis and most of ementoring by the time a test
runs, which hid a circular import; so every check here runs in a new ``python``
process (``tests/fresh.py``) and reports what it saw.
"""

from __future__ import annotations

import importlib.metadata
import json

from ementoring._hypothesis import REGISTRATIONS
from tests.fresh import hiding, run_python

WITHOUT_HYPOTHESIS = hiding("hypothesis")


def run(code: str) -> object:
    """Run ``code`` in a fresh interpreter; it prints one JSON value, which is returned."""
    return json.loads(run_python(code).stdout.strip().splitlines()[-1])


def test_import_testing_first_works() -> None:
    """``import ementoring.testing`` as the first line of a script works and registers types."""
    drawn = run(
        """
        import json
        import ementoring.testing
        from hypothesis import strategies as st
        from ementoring.scheduling import Availability
        print(json.dumps(type(st.from_type(Availability).example()).__name__))
        """
    )
    assert drawn == "Availability"


def test_import_hypothesis_imports_no_model() -> None:
    """Hypothesis runs our entry point on import, which loads only the tiny hook module."""
    loaded = run(
        """
        import json, sys
        import hypothesis
        print(json.dumps(sorted(m for m in sys.modules if m.startswith("ementoring"))))
        """
    )
    assert loaded == ["ementoring", "ementoring._hypothesis"]


def test_models_imported_after_hypothesis_are_registered() -> None:
    """Each model package is registered once imported; ementoring.testing loads only when drawn."""
    seen = run(
        """
        import json, sys
        import hypothesis
        from hypothesis import strategies as st
        from ementoring.accounting import HourLedger
        from ementoring.journal import Journal
        from ementoring.matching import Mentee
        from ementoring.scheduling import Interval
        before = "ementoring.testing" in sys.modules
        drawn = [type(st.from_type(t).example()).__name__ for t in (HourLedger, Journal, Mentee, Interval)]
        watching = any(type(f).__module__ == "ementoring._hypothesis" for f in sys.meta_path)
        print(json.dumps([before, drawn, watching]))
        """
    )
    assert seen == [False, ["HourLedger", "Journal", "Mentee", "Interval"], False]


def test_models_imported_before_hypothesis_are_registered() -> None:
    """A model package already imported when Hypothesis loads is registered at once."""
    drawn = run(
        """
        import json
        from ementoring.matching import MatchingProblem
        from hypothesis import strategies as st
        print(json.dumps(type(st.from_type(MatchingProblem).example()).__name__))
        """
    )
    assert drawn == "MatchingProblem"


def test_every_registered_class_draws_itself() -> None:
    """The registration table names real classes and real strategies, each drawing its class."""
    drawn = run(
        """
        import importlib, json
        from hypothesis import strategies as st
        from ementoring._hypothesis import REGISTRATIONS
        out = []
        for package, pairs in REGISTRATIONS.items():
            module = importlib.import_module(package)
            for name, _ in pairs:
                out.append([name, type(st.from_type(getattr(module, name)).example()).__name__])
        print(json.dumps(out))
        """
    )
    assert drawn == [[name, name] for pairs in REGISTRATIONS.values() for name, _ in pairs]


def test_without_hypothesis_the_error_names_the_extra() -> None:
    """Without Hypothesis, the import raises MissingExtraError (an ImportError) with the fix."""
    caught = run(
        WITHOUT_HYPOTHESIS
        + """
import json
from ementoring.errors import MissingExtraError
try:
    import ementoring.testing
except MissingExtraError as error:
    print(json.dumps([isinstance(error, ImportError), error.extra, str(error)]))
"""
    )
    assert caught == [
        True,
        "testing",
        "ementoring.testing needs the optional dependency 'hypothesis': "
        "pip install 'ementoring[testing]'",
    ]


def test_the_blocker_really_hides_hypothesis() -> None:
    """The check above can fail: the blocker makes ``import hypothesis`` itself fail."""
    found = run(
        WITHOUT_HYPOTHESIS
        + """
import json
try:
    import hypothesis
except ImportError:
    print(json.dumps("hidden"))
else:
    print(json.dumps("visible"))
"""
    )
    assert found == "hidden"


def test_the_installed_entry_point_is_the_light_hook() -> None:
    """The installed metadata points Hypothesis at the hook module, not at ementoring.testing."""
    ours = [
        entry.value
        for entry in importlib.metadata.entry_points(group="hypothesis")
        if entry.value.startswith("ementoring")
    ]
    assert ours == ["ementoring._hypothesis:setup"]
