"""A user's first lines: ``import ementoring.testing`` and ``import hypothesis``, each in a fresh interpreter.

pytest has already imported Hypothesis and most of ementoring by the time a test
runs, which would hide a circular import; so every check here runs in a new ``python``
process (``tests/fresh.py``) and reports what it saw.
"""

from __future__ import annotations

import importlib.metadata
import json

from ementoring.testing._hypothesis import STRATEGIES
from tests.fresh import EXTRAS, hiding, run_python

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


MODEL_PACKAGES = (
    "ementoring.accounting",
    "ementoring.journal",
    "ementoring.matching",
    "ementoring.reminders",
    "ementoring.scheduling",
)


def test_import_hypothesis_loads_the_hook_the_models_and_no_extra() -> None:
    """Hypothesis runs our entry point on import: the testing room and its models, no optional extra."""
    loaded = run(
        """
        import json, sys
        import hypothesis
        print(json.dumps(sorted(sys.modules)))
        """
    )
    assert isinstance(loaded, list)
    assert "ementoring.testing._hypothesis" in loaded
    assert set(MODEL_PACKAGES) <= set(loaded)
    extras = {str(name).split(".")[0] for name in loaded} & set(EXTRAS) - {"hypothesis"}
    assert extras == set()


def test_the_models_import_neither_testing_nor_hypothesis() -> None:
    """The arrow runs from testing down to the models: importing every model loads neither."""
    loaded = run(
        f"""
        import importlib, json, sys
        for package in {MODEL_PACKAGES!r}:
            importlib.import_module(package)
        print(json.dumps(sorted(m for m in sys.modules if m.startswith(("hypothesis", "ementoring.testing")))))
        """
    )
    assert loaded == []


def test_models_imported_after_hypothesis_are_registered() -> None:
    """Every model is registered by the entry point; no finder of ours watches the import system."""
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
        watching = any(type(f).__module__.startswith("ementoring") for f in sys.meta_path)
        print(json.dumps([before, drawn, watching]))
        """
    )
    assert seen == [True, ["HourLedger", "Journal", "Mentee", "Interval"], False]


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
    """Every registered class draws an instance of itself through ``st.from_type``."""
    drawn = run(
        """
        import json
        from hypothesis import strategies as st
        from ementoring.testing._hypothesis import STRATEGIES
        print(json.dumps([
            [f"{model.__module__}.{model.__name__}", type(st.from_type(model).example()) is model]
            for model in STRATEGIES
        ]))
        """
    )
    assert drawn == [[f"{model.__module__}.{model.__name__}", True] for model in STRATEGIES]


def test_every_factory_is_a_public_strategy() -> None:
    """The hook registers the public strategies of ementoring.testing, one class each."""
    from ementoring import testing

    assert all(getattr(testing, factory.__name__) is factory for factory in STRATEGIES.values())
    assert len(set(STRATEGIES.values())) == len(STRATEGIES)


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


def test_the_installed_entry_point_is_the_testing_rooms_hook() -> None:
    """The installed metadata points Hypothesis at the hook in the testing room."""
    ours = [
        entry.value
        for entry in importlib.metadata.entry_points(group="hypothesis")
        if entry.value.startswith("ementoring")
    ]
    assert ours == ["ementoring.testing._hypothesis:setup"]
