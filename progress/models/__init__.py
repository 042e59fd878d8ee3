from progress.models.attachments import XapiAttachment
from progress.models.clients import XapiClient
from progress.models.competence import CompetenceEvidence, ProfileThresholds
from progress.models.documents import XapiDocument
from progress.models.learning import ActivityResult, Attempt, Enrolment, LessonCompletion
from progress.models.state import ActivityState
from progress.models.statements import Statement, Verification

__all__ = [
    "ActivityResult",
    "ActivityState",
    "Attempt",
    "CompetenceEvidence",
    "Enrolment",
    "LessonCompletion",
    "ProfileThresholds",
    "Statement",
    "Verification",
    "XapiAttachment",
    "XapiClient",
    "XapiDocument",
]
