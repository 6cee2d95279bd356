"""Every table of the application, imported in one place (for Alembic and create_all)."""

from registry.accounts.models import AuditEntry, LoginAttempt, Role, User  # noqa: F401
from registry.documents.models import (  # noqa: F401
    Agency,
    Document,
    DocumentFile,
    Field,
    Relation,
    StatusPeriod,
    ValidityEvent,
)
