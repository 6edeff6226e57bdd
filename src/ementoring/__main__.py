"""``python -m ementoring demo``: runs the demo in :mod:`ementoring._demo`."""

from ementoring._demo import main

if __name__ == "__main__":
    raise SystemExit(main())
