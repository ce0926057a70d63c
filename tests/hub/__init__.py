"""The JupyterHub test (`make test-hub`): a real hub, real Unix accounts, the whole nbgrader cycle.

A package (not a plain folder) so that its conftest.py does not shadow tests/conftest.py,
which other test modules import as `conftest`.
"""
