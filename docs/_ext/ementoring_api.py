"""The API reference, generated from each public module's ``__all__``.

A reference page is one small reStructuredText file per public module,
``docs/reference/<module>.rst``, holding a title and one directive::

    ementoring.scheduling
    =====================

    .. ementoring-api:: ementoring.scheduling

The directive documents the module's docstring and then every name in its
``__all__``, in that order, with autodoc (signatures and Google-style
docstrings through napoleon). Names are read at build time, so a name added to
``__all__`` is in the reference with no edit here. ``tests/test_api_reference.py``
uses the same functions to fail when a public module has no page or a public
name no docstring, and the build itself fails (warnings are errors) when a
name's documentation is missing.

The functions below the directive are plain Python so the test can call them
without running Sphinx.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import pkgutil
from pathlib import Path
from types import ModuleType
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.pycode import ModuleAnalyzer
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

PACKAGE = "ementoring"
DOCS_DIR = Path(__file__).resolve().parent.parent
REFERENCE_DIR = DOCS_DIR / "reference"
logger = logging.getLogger(__name__)
# Beyond this many characters a constant's value is left to its docstring.
MAX_VALUE_REPR = 80


def public_modules(package: str = PACKAGE) -> list[str]:
    """Every public module of ``package``, found by walking it: no part of the name starts with ``_``.

    >>> modules = public_modules()
    >>> modules[0], "ementoring.timezones" in modules, "ementoring._extras" in modules
    ('ementoring', True, False)
    """
    root = importlib.import_module(package)
    found = [package]
    for info in pkgutil.walk_packages(root.__path__, f"{package}."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            found.append(info.name)
    return sorted(found)


def exported(module_name: str) -> list[str]:
    """The names a public module exports: its ``__all__``, which every public module must have.

    >>> exported("ementoring")
    ['__version__']
    """
    module = importlib.import_module(module_name)
    names = getattr(module, "__all__", None)
    if names is None:
        raise LookupError(f"{module_name} is public but has no __all__")
    return list(names)


def kind(obj: object) -> str:
    """The autodoc directive that documents ``obj``: exception, class, function or data.

    >>> kind(ValueError), kind(int), kind(len), kind(3)
    ('exception', 'class', 'function', 'data')
    """
    if isinstance(obj, type):
        return "exception" if issubclass(obj, BaseException) else "class"
    if inspect.isroutine(obj):
        return "function"
    return "data"


def _candidate_modules(module_name: str) -> list[ModuleType]:
    """The module, then its private submodules (where re-exported constants are defined)."""
    module = importlib.import_module(module_name)
    found = [module]
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), f"{module_name}."):
        found.append(importlib.import_module(info.name))
    return found


def attribute_doc(module_name: str, name: str) -> str:
    """The docstring written under a module-level constant (or in a ``#:`` comment), or ``""``.

    Constants have no ``__doc__`` of their own; Sphinx reads these from the
    source. A re-exported constant's docstring is found in the private module
    that assigns it.

    >>> attribute_doc("ementoring", "__version__")
    'The version of this release of ementoring.'
    """
    value = getattr(importlib.import_module(module_name), name)
    for module in _candidate_modules(module_name):
        if getattr(module, name, None) is not value:
            continue
        docs = ModuleAnalyzer.for_module(module.__name__).find_attr_docs()
        lines = docs.get(("", name))
        if lines:
            return "\n".join(lines).strip()
    return ""


def _own_doc(obj: object) -> str:
    """A class's or function's own docstring: not one inherited from a base class."""
    if isinstance(obj, type):
        doc = vars(obj).get("__doc__")
        if isinstance(obj, enum.EnumMeta) and doc == "An enumeration.":
            return ""  # what Python writes for an enum without a docstring
        return inspect.cleandoc(doc) if isinstance(doc, str) else ""
    doc = getattr(obj, "__doc__", None)
    return inspect.cleandoc(doc) if isinstance(doc, str) else ""


def docstring(module_name: str, name: str) -> str:
    """The documentation of one exported name, or ``""`` when it has none.

    >>> docstring("ementoring", "__version__")
    'The version of this release of ementoring.'
    >>> docstring("ementoring_api", "docstring").splitlines()[0]
    'The documentation of one exported name, or ``""`` when it has none.'
    """
    obj = getattr(importlib.import_module(module_name), name)
    if kind(obj) == "data":
        return attribute_doc(module_name, name)
    return _own_doc(obj)


def undocumented_members(cls: type) -> list[str]:
    """Public methods and properties a class defines without a docstring of their own.

    >>> class Pair:
    ...     '''Two people.'''
    ...     def swap(self): pass
    ...     def _private(self): pass
    >>> undocumented_members(Pair)
    ['swap']
    """
    missing = []
    for attr, value in vars(cls).items():
        if attr.startswith("_"):
            continue
        target = value.fget if isinstance(value, property) else value
        if isinstance(target, classmethod | staticmethod):
            target = target.__func__
        if inspect.isfunction(target) and not _own_doc(target):
            missing.append(attr)
    return sorted(missing)


def undocumented(module_name: str) -> list[str]:
    """Each exported name, and each public method of an exported class, with no docstring.

    >>> undocumented("ementoring.errors")
    []
    """
    module = importlib.import_module(module_name)
    problems = []
    for name in exported(module_name):
        qualified = f"{module_name}.{name}"
        if not docstring(module_name, name):
            problems.append(f"{qualified} has no docstring")
        value = getattr(module, name)
        if isinstance(value, type):
            problems.extend(
                f"{qualified}.{member} has no docstring" for member in undocumented_members(value)
            )
    return problems


def page_path(module_name: str) -> Path:
    """Where a module's reference page lives: ``docs/reference/<module>.rst``."""
    return REFERENCE_DIR / f"{module_name}.rst"


def page_text(module_name: str) -> str:
    """The whole text of a module's reference page: a title and the directive."""
    return f"{module_name}\n{'=' * len(module_name)}\n\n.. ementoring-api:: {module_name}\n"


def _data_rst(module_name: str, name: str, value: Any) -> list[str]:
    module = importlib.import_module(module_name)
    # The module as an option: a dotted name would be read as nested in the current module.
    lines = [f".. py:data:: {name}", f"   :module: {module_name}"]
    annotation = None
    for candidate in _candidate_modules(module_name):
        if getattr(candidate, name, None) is value:
            annotation = getattr(candidate, "__annotations__", {}).get(name)
            if annotation is not None:
                break
    if isinstance(annotation, str):
        lines.append(f"   :type: {annotation}")
    shown = repr(value)
    if len(shown) <= MAX_VALUE_REPR and not isinstance(value, ModuleType):
        lines.append(f"   :value: {shown}")
    lines.append("")
    doc = attribute_doc(module.__name__, name)
    lines.extend(f"   {line}" if line else "" for line in doc.splitlines())
    return lines


def module_rst(module_name: str) -> list[str]:
    """The reStructuredText the directive expands to: the module, then each name in ``__all__``.

    >>> print("\\n".join(module_rst("ementoring")))
    .. automodule:: ementoring
       :no-members:
    <BLANKLINE>
    .. py:data:: __version__
       :module: ementoring
       :value: '0.2.0'
    <BLANKLINE>
       The version of this release of ementoring.
    <BLANKLINE>
    """
    module = importlib.import_module(module_name)
    lines = [f".. automodule:: {module_name}", "   :no-members:", ""]
    for name in exported(module_name):
        value = getattr(module, name)
        what = kind(value)
        if what == "data":
            lines.extend(_data_rst(module_name, name, value))
        else:
            lines.append(f".. auto{what}:: {module_name}.{name}")
            if what != "function":
                lines.append("   :members:")
            if isinstance(value, enum.EnumMeta):
                # Enum members carry no docstrings of their own; list them anyway.
                lines.append("   :undoc-members:")
        lines.append("")
    return lines


class EmentoringApi(SphinxDirective):
    """``.. ementoring-api:: <module>``: the module and every name in its ``__all__``."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        """Warn for each undocumented name, then parse the generated autodoc directives."""
        module_name = self.arguments[0]
        for module in _candidate_modules(module_name):
            if module.__file__:
                self.env.note_dependency(module.__file__)
        for problem in undocumented(module_name):
            logger.warning(problem, location=self.get_location())
        content = StringList(module_rst(module_name), source=f"<ementoring-api {module_name}>")
        holder = nodes.section()
        holder.document = self.state.document
        nested_parse_with_titles(self.state, content, holder)
        return holder.children


def _check_the_reference(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn (an error under ``-W``) for a public module without a page, saying what to add,
    and for an exported name the built reference does not describe."""
    described = env.domains.python_domain.objects
    for module_name in public_modules():
        if f"reference/{module_name}" not in env.found_docs:
            logger.warning(missing_page_message(module_name))
            continue
        for name in exported(module_name):
            if f"{module_name}.{name}" not in described:
                logger.warning("%s.%s is missing from the API reference", module_name, name)


def missing_page_message(module_name: str) -> str:
    """What a contributor reads when a public module has no reference page: the file to add."""
    relative = page_path(module_name).relative_to(DOCS_DIR.parent)
    return (
        f"the public module {module_name} has no API reference page. "
        f"Add the file {relative} containing exactly:\n\n{page_text(module_name)}\n"
        "(docs/reference/index.rst lists every page in that folder by itself.)"
    )


def link_targets(full_names: list[str], modules: set[str]) -> dict[str, str]:
    """How guide pages may write each documented name, mapped to its full name.

    A module-level name may be written bare (``find_slots``), a member with its
    class (``Journal.current``), anything in full; a call's ``()`` may follow.
    Short spellings that two objects share link to neither.

    >>> names = ["m.solve", "m.Result", "m.Result.explain", "m.explain", "n.explain"]
    >>> for written, full in sorted(link_targets(names, {"m", "n"}).items()):
    ...     print(written, "->", full)
    Result -> m.Result
    Result.explain -> m.Result.explain
    m.Result -> m.Result
    m.Result.explain -> m.Result.explain
    m.explain -> m.explain
    m.solve -> m.solve
    n.explain -> n.explain
    solve -> m.solve
    """
    spellings: dict[str, set[str]] = {}
    for full in full_names:
        spellings.setdefault(full, set()).add(full)
        parent, short = full.rsplit(".", 1)
        if parent in modules:  # a module-level name
            spellings.setdefault(short, set()).add(full)
        elif parent.rsplit(".", 1)[0] in modules:  # a class member: Class.member
            spellings.setdefault(f"{parent.rsplit('.', 1)[1]}.{short}", set()).add(full)
    return {written: next(iter(fulls)) for written, fulls in spellings.items() if len(fulls) == 1}


class LinkInlineCode(SphinxPostTransform):
    """On guide pages, turn inline code naming a documented object into a link to it.

    The Markdown stays plain (it reads well on GitHub and runs as doctests), and the
    site still links `` `Journal.current` `` to its reference entry.
    """

    default_priority = 5  # before the references are resolved
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        """Wrap each matching literal in a ``py:obj`` cross-reference."""
        if self.env.docname.startswith("reference/"):
            return  # autodoc already links the reference pages
        objects = self.env.domains.python_domain.objects
        ours = {
            name: entry
            for name, entry in objects.items()
            if name.startswith(f"{PACKAGE}.") and not entry.aliased
        }
        modules = {name for name, entry in ours.items() if entry.objtype == "module"}
        targets = link_targets([name for name in ours if name not in modules], modules)
        for literal in list(self.document.findall(nodes.literal)):
            if isinstance(literal.parent, nodes.reference | addnodes.pending_xref):
                continue
            target = targets.get(literal.astext().removesuffix("()"))
            if target is None:
                continue
            xref = addnodes.pending_xref(
                "",
                refdomain="py",
                reftype="obj",
                reftarget=target,
                refexplicit=True,
                refwarn=True,
                refdoc=self.env.docname,
            )
            literal.replace_self(xref)
            xref += literal


# A property's docstring as written, kept from before napoleon rewrites it.
_AS_WRITTEN: dict[str, list[str]] = {}


def _before_napoleon(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    if what == "property":
        _AS_WRITTEN[name] = list(lines)


def _after_napoleon(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Keep a property's docstring as written: napoleon reads a first line ``a: b`` as type a.

    The type comes from the annotation, and first lines such as "Earliest first, then
    kind: a total order." are prose.
    """
    if what == "property" and name in _AS_WRITTEN:
        lines[:] = _AS_WRITTEN.pop(name)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the ``ementoring-api`` directive and the missing-page check."""
    app.add_directive("ementoring-api", EmentoringApi)
    app.add_post_transform(LinkInlineCode)
    # Around napoleon (priority 500), which rewrites the docstring.
    app.connect("autodoc-process-docstring", _before_napoleon, priority=400)
    app.connect("autodoc-process-docstring", _after_napoleon, priority=600)
    app.connect("env-check-consistency", _check_the_reference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
