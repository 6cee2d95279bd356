"""Every table of the application, imported in one place (for Alembic and create_all)."""

import importlib
import importlib.util

from registry.accounts.models import ApiToken, AuditEntry, LoginAttempt, Role, User  # noqa: F401
from registry.documents.models import (  # noqa: F401
    Agency,
    Document,
    DocumentFile,
    Field,
    Relation,
    StatusPeriod,
    ValidityEvent,
)

# domains still being built join the metadata once their models module exists
for _name in ("registry.procedures.models", "registry.reviews.models", "registry.ingest.models",
              "registry.searching.models"):
    if importlib.util.find_spec(_name) is not None:
        importlib.import_module(_name)
