from progress.models.clients import XapiClient
from progress.models.competence import CompetenceEvidence, ProfileThresholds
from progress.models.learning import ActivityResult, Attempt, Enrolment
from progress.models.state import ActivityState
from progress.models.statements import Statement, Verification

__all__ = [
    "ActivityResult",
    "ActivityState",
    "Attempt",
    "CompetenceEvidence",
    "Enrolment",
    "ProfileThresholds",
    "Statement",
    "Verification",
    "XapiClient",
]
