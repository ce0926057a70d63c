"""Interactive explorers used by the lessons: ipywidgets controls driving plotly FigureWidgets.

Each explorer is an ``ipywidgets.VBox`` (display it as it is), exposes its
controls and its ``figure`` as attributes, and has a ``summary`` property that
says in words what the figure shows.
"""

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
from .a11y import ControlNames, name_controls  # noqa: E402

for _explorer in (DifferentialsExplorer, OneToManyExplorer, ThresholdExplorer, TimelineExplorer,
                  SimRegistrationExplorer, SubscriptionsExplorer, ConsentScenarioExplorer,
                  ReactionCodingExplorer, ValueWeightingExplorer, AttentionDetectorExplorer,
                  LinkageExplorer, UniquenessEstimateExplorer, PolicyDesigner):
    name_controls(_explorer)
del _explorer
