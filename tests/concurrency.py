"""The marks of a test module that races real transactions: PostgreSQL only (SQLite serialises
writers, so a race cannot happen there), each test in transactions of its own."""

import pytest
from django.db import connection

POSTGRES_RACES = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency tests need PostgreSQL (set DATABASE_URL); SQLite serialises writers",
    ),
    pytest.mark.django_db(transaction=True),
]
