"""Signals the documents domain sends; higher domains (procedures, reviews, searching) subscribe."""

from blinker import Namespace

_ns = Namespace()

#: sent after a recompute changed the validity of documents, before the commit.
#: kwargs: session, changes (list[StatusChange]), today (date), cutover (date)
statuses_changed = _ns.signal("documents.statuses-changed")

#: sent while an impact preview runs inside a savepoint, so higher domains can add what they would change.
#: kwargs: session, changes (list[StatusChange]), today, impact (Impact) — subscribers append to impact.extra
impact_preview = _ns.signal("documents.impact-preview")

#: sent when a document is registered (after flush). kwargs: session, document
document_registered = _ns.signal("documents.registered")

#: sent after what a document's validity is computed from changed (a relation or event added, removed or
#: corrected), whether or not its status changed — an amendment changes no status but calls for a review.
#: kwargs: session, document_ids (set[int]), today (date), cutover (date)
inputs_changed = _ns.signal("documents.inputs-changed")

#: sent before a document is deleted; a higher domain that cannot lose it raises a DomainError to refuse.
#: kwargs: session, document
deleting = _ns.signal("documents.deleting")
