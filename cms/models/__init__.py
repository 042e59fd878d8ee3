from cms.models.articles import (
    ArticleCategory,
    ArticleIndexPage,
    ArticlePage,
    ArticleTag,
    ArticleTagName,
)
from cms.models.home import HomePage
from cms.models.mixins import CmsPage
from cms.models.standard import StandardPage

__all__ = [
    "ArticleCategory",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleTag",
    "ArticleTagName",
    "CmsPage",
    "HomePage",
    "StandardPage",
]

# The page types the site search looks through (with courses: cms.selectors.site_search).
SEARCHED_PAGE_TYPES = (ArticlePage, StandardPage)
