"""Sphinx configuration: the Markdown guide pages (MyST) and the API reference (autodoc).

Build with ``make docs``: HTML in ``docs/_build/html``, every warning an error.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The reference's own extension lives beside this file.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "ementoring"
author = "The ementoring developers"
copyright = "the ementoring developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "ementoring_api",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

# Every link must resolve: a broken reference to our own API is an error.
nitpicky = True
# Without network access at build time there is no intersphinx inventory for the
# standard library and the dependencies; references to them stay plain text.
# A reference to anything of ours must still resolve.
# Private helpers (a ``._`` in the path) and type variables have no page either.
nitpick_ignore_regex = [
    (r"py:.*", r"(?!ementoring\b).*"),
    (r"py:.*", r".*\._\w+.*"),
    (r"py:.*", r"ementoring(\.\w+)*\.[A-Z]"),
]

# Google-style docstrings with ``>>>`` examples; type hints shown in signatures.
napoleon_google_docstring = True
napoleon_numpy_docstring = False
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True

# Headings get anchors so guide pages can link to sections.
myst_heading_anchors = 3

html_theme = "furo"
html_title = "ementoring"
