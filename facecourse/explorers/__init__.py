"""The lessons' interactive explorers: ipywidgets controls -> a model -> a plotly FigureWidget.

Each explorer is an ``ipywidgets.VBox`` (display it as it is), exposes its controls and its
``figure`` as attributes, and has a ``summary`` property that says in words what the figure shows.
The maths lives in :mod:`facecourse.models`; here are only controls, figures, the shared look
(:mod:`.style`) and the screen-reader names (:mod:`.a11y`).  Lessons import explorers; models and
data never do.
"""

from .a11y import ControlNames, name_controls  # noqa: F401  (ControlNames: the widget a11y.py adds)
from .classroom import AttentionDetectorExplorer
from .consent import ConsentScenarioExplorer
from .differentials import DifferentialsExplorer
from .linkage import LinkageExplorer, UniquenessEstimateExplorer
from .policy import PolicyDesigner
from .registration import SimRegistrationExplorer, SubscriptionsExplorer
from .search import OneToManyExplorer
from .threshold import ThresholdExplorer
from .timeline import TimelineExplorer
from .voices import ReactionCodingExplorer, ValueWeightingExplorer

__all__ = ["DifferentialsExplorer", "OneToManyExplorer", "ThresholdExplorer", "TimelineExplorer",
           "SimRegistrationExplorer", "SubscriptionsExplorer",
           "ConsentScenarioExplorer",
           "ReactionCodingExplorer", "ValueWeightingExplorer",
           "AttentionDetectorExplorer",
           "LinkageExplorer", "UniquenessEstimateExplorer",
           "PolicyDesigner"]

# Every explorer names its slider handles for screen readers (ipywidgets 8 does not): see a11y.py.
for _explorer in (DifferentialsExplorer, OneToManyExplorer, ThresholdExplorer, TimelineExplorer,
                  SimRegistrationExplorer, SubscriptionsExplorer, ConsentScenarioExplorer,
                  ReactionCodingExplorer, ValueWeightingExplorer, AttentionDetectorExplorer,
                  LinkageExplorer, UniquenessEstimateExplorer, PolicyDesigner):
    name_controls(_explorer)
del _explorer
