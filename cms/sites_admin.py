"""Wagtail's Sites listing names three columns after their fields in English ("Port", "Site name",
"Root page": ``Column("port")`` makes its label from the name). Give them the fields' own
translated names."""

from django.utils.text import capfirst
from wagtail.models import Site
from wagtail.sites.views import IndexView


def site_columns_label() -> None:
    for column in IndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
