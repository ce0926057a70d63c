"""``python -m facecourse.grading <assignment>``: grade a whole class (what ``make autograde`` runs)."""

import sys

from .classgrader import main

sys.exit(main())
