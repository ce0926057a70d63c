"""Interactive explorers used by the lessons: ipywidgets controls driving plotly FigureWidgets.

Each explorer is an ``ipywidgets.VBox`` (display it as it is), exposes its
controls and its ``figure`` as attributes, and has a ``summary`` property that
says in words what the figure shows.
"""

from .consent import ConsentScenarioExplorer
from .differentials import DifferentialsExplorer
from .registration import SimRegistrationExplorer, SubscriptionsExplorer
from .search import OneToManyExplorer
from .threshold import ThresholdExplorer
from .timeline import TimelineExplorer

__all__ = ["DifferentialsExplorer", "OneToManyExplorer", "ThresholdExplorer", "TimelineExplorer",
           "SimRegistrationExplorer", "SubscriptionsExplorer",
           "ConsentScenarioExplorer"]
