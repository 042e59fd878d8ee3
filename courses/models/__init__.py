from courses.models.competences import (
    Competence,
    CompetenceDomain,
    CompetenceFramework,
    ProficiencyLevel,
)
from courses.models.h5p import H5PActivity, H5PLibrary, H5PPackage
from courses.models.pages import (
    CourseCompetence,
    CourseIndexPage,
    CourseLevel,
    CoursePage,
    LessonPage,
    ModulePage,
    Track,
)
from courses.models.player import PlayerSettings

__all__ = [
    "Competence",
    "CompetenceDomain",
    "CompetenceFramework",
    "CourseCompetence",
    "CourseIndexPage",
    "CourseLevel",
    "CoursePage",
    "H5PActivity",
    "H5PLibrary",
    "H5PPackage",
    "LessonPage",
    "ModulePage",
    "PlayerSettings",
    "ProficiencyLevel",
    "Track",
]
