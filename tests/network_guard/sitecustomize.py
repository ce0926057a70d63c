"""Started by Python in every process whose PYTHONPATH begins with this folder (the tests put it there).

Installs the network audit hook when $FACECOURSE_NETWORK_LOG is set, then runs the sitecustomize
this one shadows, if the installation has one.
"""

import importlib.machinery
import importlib.util
import os
import sys

import network_audit

network_audit.install_from_environment()

_here = os.path.dirname(os.path.abspath(__file__))
_next = importlib.machinery.PathFinder.find_spec(
    "sitecustomize", [p for p in sys.path if os.path.abspath(p or os.curdir) != _here])
if _next is not None and _next.loader is not None:
    _module = importlib.util.module_from_spec(_next)
    _next.loader.exec_module(_module)
