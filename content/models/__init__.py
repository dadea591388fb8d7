"""The programme's public pages: home, programmes, news, training offers and standard pages.

Parent/child rules keep the tree the shape the templates expect:

    Root ── HomePage ─┬─ ProgrammeIndexPage ── ProgrammePage
                      ├─ NewsIndexPage ── NewsPage
                      ├─ TrainingIndexPage ── TrainingOfferPage (occasions inline)
                      └─ StandardPage ── StandardPage

One module per part of the tree; every model (and the reads beside them) is imported
here, so `content.models.X` and the app label `content` stay as they were.
"""

from content.models.home import HomePage, HomePageFeaturedProgramme
from content.models.news import (
    NEWS_PER_PAGE,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    news_in,
    news_latest,
    news_tags,
)
from content.models.programme import ProgrammeIndexPage, ProgrammePage
from content.models.standard import StandardPage
from content.models.training import (
    OFFERS_PER_PAGE,
    TrainingIndexPage,
    TrainingLanguage,
    TrainingOccasion,
    TrainingOfferPage,
    TrainingTopic,
    training_offers_in,
)

__all__ = [
    "NEWS_PER_PAGE",
    "OFFERS_PER_PAGE",
    "HomePage",
    "HomePageFeaturedProgramme",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "StandardPage",
    "TrainingIndexPage",
    "TrainingLanguage",
    "TrainingOccasion",
    "TrainingOfferPage",
    "TrainingTopic",
    "news_in",
    "news_latest",
    "news_tags",
    "training_offers_in",
]
