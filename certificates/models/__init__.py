from certificates.models.applications import (
    Action,
    Application,
    ApplicationEvent,
    CommuneResult,
    Evidence,
    IndicatorScore,
    Status,
)
from certificates.models.criteria import CriteriaSet, CriteriaSetLocked, Criterion, Indicator
from certificates.models.cycles import Cycle, CycleWindowExtension, Stage
from certificates.models.decisions import RecognitionDecision
from certificates.models.issued import *  # noqa: F403  (issued certificates, see its __all__)

__all__ = [
    "Action",
    "Application",
    "ApplicationEvent",
    "CommuneResult",
    "CriteriaSet",
    "CriteriaSetLocked",
    "Criterion",
    "Cycle",
    "CycleWindowExtension",
    "Evidence",
    "Indicator",
    "IndicatorScore",
    "RecognitionDecision",
    "Stage",
    "Status",
]
