"""``python -m facecourse lab`` and ``python -m facecourse test``: the course's two commands without make
(``make lab`` and ``make test`` run these).  The logic is in :mod:`facecourse.publish.launcher`."""

import sys

from .publish.launcher import main

sys.exit(main())
