"""The hostile-input fuzz suite: anything passed either works or raises an ``EmentoringError``.

What it checks (docs/errors.md states the contract):

* ``test_callables.py``: every public callable of every public module, found at
  run time from each module's ``__all__`` (functions, classes, enum lookups, the
  public methods of each class on an example instance, and the operators a class
  defines: ``__contains__``, ``__getitem__``), is called with plausible arguments
  of which one or more are replaced by hostile values (``None``, wrong types,
  empty and huge text, NaN, infinities, ``-0.0``, integers too big for a float,
  durations at and beyond ``timedelta.max`` and the supported span, naive
  datetimes, datetimes at years 1 and 9999 with offsets, malicious zone keys,
  unhashable ids, duplicate ids, deep nesting, functions returning a type...),
  or by a valid model with a hostile value inside it (``values.tampered``: a
  ``Match`` with a set as its id inside a result). Every property of what a call
  returns is read too. Any exception that is not an ``EmentoringError`` is a
  problem; so is passing the wrong number of arguments only when
  ``inspect.signature`` accepted them. A new public name is fuzzed without
  editing anything here.
* ``test_documents.py``: ``from_data`` for every model type it accepts, with
  arbitrary JSON and with mutations (drop, add, retype, nest a key) of valid
  documents; anything but a built object or an ``InvalidDocumentError`` is a
  problem, and a valid document must come back byte-identical.
* ``test_resources.py``: the resource attacks of issue 11, each in a
  subprocess under ``resource.setrlimit`` time and memory limits.

Budgets: ``make test`` runs a few examples per callable (set by
``EMENTORING_FUZZ=quick``, the default); ``make fuzz`` runs ``EMENTORING_FUZZ=long``
(hundreds per callable, ``EMENTORING_FUZZ_EXAMPLES`` to change it), keeps going
after a problem, and prints the calls tried and the problems found. The long run
also puts every hand-picked hostile value in each parameter, and at every place
two models deep inside each registered example (``values.places``: a
``Program``'s ``agenda_lead`` handed to ``reminders``, ``result.matches[0].score``
handed to ``blocking_pairs``); a model class with registered instances is its own
example.

Helping the fuzzer with argument shapes (``registry.py``)
--------------------------------------------------------
By default each argument is drawn from its type annotation: builtins and
datetimes get small sensible values, ementoring models get an example of that
model (``st.from_type`` through ``ementoring.testing``'s registered strategies,
or ``registry.INSTANCES``), and anything else gets hostile values only. When a
callable needs arguments that fit together (a mentorship *of* that program, a
result *of* that problem), register valid examples for it::

    # tests/fuzz/registry.py
    EXAMPLES["ementoring.journal.add_entry"] = lambda: ((JOURNAL, ENTRY), {})

Keys are the qualified public name (``module.name`` or ``module.Class.method``);
values are functions returning ``(args, kwargs)`` that work. The fuzzer calls
the example as given, then with one or more arguments replaced by hostile
values. To give a class's methods a good instance, add a strategy or example to
``registry.INSTANCES[Class]``. ``registry.SKIP`` lists the few names not
fuzzed, each with its reason.

A problem report names the callable, the arguments (as ``repr``), the
exception and the line it came from, e.g.::

    ementoring.access.can_read(actor=Actor(...), entry=5, ...) raised
    AttributeError: 'int' object has no attribute 'mentorship_id'
      at src/ementoring/access/_rules.py:114 in can_read
"""
