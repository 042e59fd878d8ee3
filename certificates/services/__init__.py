"""Writes for the certificates app, one module per use case; the common names are here."""

from certificates.services.applications import (
    application_register,
    application_scores_save,
    application_suggestion_refresh,
    application_totals_refresh,
)
from certificates.services.base import Refused
from certificates.services.bulk import BulkReport, applications_bulk_transition
from certificates.services.criteria import criteria_set_new_version, cycle_stage_reopen
from certificates.services.decisions import (
    DecisionPlan,
    DecisionRefused,
    decision_preview,
    decision_record,
)
from certificates.services.evidence import (
    evidence_add_course,
    evidence_add_file,
    evidence_add_link,
    evidence_remove,
)
from certificates.services.review import TRANSITIONS, application_transition

__all__ = [
    "TRANSITIONS",
    "BulkReport",
    "DecisionPlan",
    "DecisionRefused",
    "Refused",
    "application_register",
    "application_scores_save",
    "application_suggestion_refresh",
    "application_totals_refresh",
    "application_transition",
    "applications_bulk_transition",
    "criteria_set_new_version",
    "cycle_stage_reopen",
    "decision_preview",
    "decision_record",
    "evidence_add_course",
    "evidence_add_file",
    "evidence_add_link",
    "evidence_remove",
]
