"""The API reference covers every public name, and every public name has a docstring.

Public modules are found by walking the package at run time, so a module added
tomorrow is checked without editing this file. Each needs the small page
``docs/reference/<module>.rst``; its ``ementoring-api`` directive documents
every name in the module's ``__all__`` when Sphinx builds the site (``make
docs``, where a name that cannot be documented fails the build).
"""

from __future__ import annotations

import enum
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import ementoring_api as api
import pytest

PUBLIC_MODULES = api.public_modules()


def test_the_walk_finds_the_public_modules_only() -> None:
    """Every public package is found, and no private module (``_x``) is."""
    assert {
        "ementoring",
        "ementoring.errors",
        "ementoring.scheduling",
        "ementoring.testing",
        "ementoring.timezones",
    } <= set(PUBLIC_MODULES)
    assert not [name for name in PUBLIC_MODULES if "._" in name]


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_public_module_has_a_reference_page(module_name: str) -> None:
    """docs/reference/<module>.rst exists and documents the module with the directive."""
    page = api.page_path(module_name)
    assert page.is_file(), api.missing_page_message(module_name)
    directive = f".. ementoring-api:: {module_name}\n"
    assert directive in page.read_text(encoding="utf-8"), api.missing_page_message(module_name)


def test_every_reference_page_is_a_public_module() -> None:
    """No page is left behind for a module that was renamed or made private."""
    pages = {path.stem for path in api.REFERENCE_DIR.glob("*.rst")} - {"index"}
    assert pages == set(PUBLIC_MODULES)


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_exported_name_is_documented(module_name: str) -> None:
    """Each name in ``__all__``, and each public method of an exported class, has a docstring."""
    assert api.undocumented(module_name) == []


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_the_page_documents_every_exported_name(module_name: str) -> None:
    """The directive's text has one directive per name in ``__all__``, in that order."""
    module = importlib.import_module(module_name)
    documented = [
        line.split("::", 1)[1].strip().rsplit(".", 1)[-1]
        for line in api.module_rst(module_name)
        if line.startswith(".. ") and not line.startswith(".. automodule")
    ]
    assert documented == list(module.__all__)


class TestTheChecksCanFail:
    """A made-up package with an undocumented module and names shows each check failing."""

    @pytest.fixture
    def package(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
        root = tmp_path / "madeup"
        (root / "inner").mkdir(parents=True)
        (root / "__init__.py").write_text('"""A package."""\n__all__ = []\n')
        (root / "_private.py").write_text("__all__ = []\n")
        (root / "inner" / "__init__.py").write_text(
            '"""Inner."""\nfrom madeup.inner._impl import LIMIT, Thing, act, quiet\n'
            '__all__ = ["LIMIT", "QUIET", "Thing", "act", "quiet"]\nQUIET = 3\n'
        )
        (root / "inner" / "_impl.py").write_text(
            "LIMIT = 10\n"
            '"""The largest size."""\n'
            "class Thing:\n"
            '    """A thing."""\n'
            "    def move(self):\n"
            "        pass\n"
            "    @property\n"
            "    def size(self):\n"
            '        """Its size."""\n'
            "def act():\n"
            '    """Act."""\n'
            "def quiet():\n"
            "    pass\n"
        )
        monkeypatch.syspath_prepend(str(tmp_path))
        yield "madeup"
        for name in [m for m in sys.modules if m == "madeup" or m.startswith("madeup.")]:
            del sys.modules[name]

    def test_the_walk_skips_private_modules(self, package: str) -> None:
        """``madeup._private`` is not public; ``madeup.inner`` is."""
        assert api.public_modules(package) == ["madeup", "madeup.inner"]

    def test_undocumented_names_and_methods_are_reported(self, package: str) -> None:
        """A function and a constant without docstrings, and a method without one, are named."""
        assert api.undocumented("madeup.inner") == [
            "madeup.inner.QUIET has no docstring",
            "madeup.inner.Thing.move has no docstring",
            "madeup.inner.quiet has no docstring",
        ]

    def test_a_re_exported_constant_keeps_its_docstring(self, package: str) -> None:
        """LIMIT is documented where it is assigned, in the private module."""
        assert api.docstring("madeup.inner", "LIMIT") == "The largest size."

    def test_a_missing_page_says_what_to_add(self) -> None:
        """The message names the file and its exact text, for a module added tomorrow."""
        message = api.missing_page_message("ementoring.calendar")
        assert "docs/reference/ementoring.calendar.rst" in message
        assert api.page_text("ementoring.calendar") in message
        assert ".. ementoring-api:: ementoring.calendar" in api.page_text("ementoring.calendar")


def test_enum_without_a_docstring_counts_as_undocumented() -> None:
    """Python's stock enum docstring is not documentation."""
    Colour = enum.Enum("Colour", "RED GREEN")
    fake = ModuleType("fake_enum_module")
    fake.__dict__.update(Colour=Colour, __all__=["Colour"])
    sys.modules["fake_enum_module"] = fake
    try:
        assert api.undocumented("fake_enum_module") == ["fake_enum_module.Colour has no docstring"]
    finally:
        del sys.modules["fake_enum_module"]
