"""`python -m facecourse.grading.variants TERM`: see the package docstring."""

import sys

from . import main

sys.exit(main())
