"""The test suite. Imported before any conftest, so the setting below covers the whole run.

Some machines (this project's CI container among them) set PYTHONDONTWRITEBYTECODE=1. Then
each test process (the xdist workers and every `parkbot` a test starts) compiles the same
sources again, and pytest rewrites the asserts of every test module again in each worker:
~4 s CPU per worker. The run keeps Python's usual caches in __pycache__/ (ignored by git,
allowed by the left-files check in tests/conftest.py).
"""

import os
import sys

sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
