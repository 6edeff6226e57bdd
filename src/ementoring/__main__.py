"""``python -m ementoring``: the one module of the package that writes to the terminal.

The demo room (:mod:`ementoring._demo`) reads the command line and returns text;
its simulated weeks draw from ``random.Random`` streams seeded by ``--seed``, made
here so that the library imports no random source.
"""

import random
from collections.abc import Sequence

from ementoring._demo import run


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m ementoring`` with ``argv`` and print what it returns."""
    for line in run(argv, streams=random.Random):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
