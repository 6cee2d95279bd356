"""Forms of the ingest pages: the confirmation form (a document form with richer effective-date modes)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField
from wtforms.validators import NumberRange, Optional, ValidationError

from registry.documents.forms import DocumentForm


class ConfirmForm(DocumentForm):
    """The pre-filled record of one file; relations come as indexed `rel-<i>-*` inputs (see views)."""

    effective_mode = SelectField(
        _l("Hiệu lực"),
        choices=[
            ("date", _l("Từ ngày")),
            ("on_signing", _l("Kể từ ngày ký")),
            ("days", _l("Sau N ngày kể từ ngày ký")),
            ("unknown", _l("Chưa xác định")),
        ],
        default="date",
    )
    effective_days = IntegerField(
        _l("Số ngày sau ngày ký"), validators=[Optional(), NumberRange(min=0, max=3650)]
    )

    def validate_effective_on(self, field):  # type: ignore[no-untyped-def]
        if self.effective_mode.data == "date" and not field.data and not field.errors:
            raise ValidationError(str(_l("Nhập ngày có hiệu lực, hoặc chọn “Kể từ ngày ký”.")))

    def validate_effective_days(self, field):  # type: ignore[no-untyped-def]
        if self.effective_mode.data == "days" and field.data is None and not field.errors:
            raise ValidationError(str(_l("Nhập số ngày.")))


class SheetForm(FlaskForm):
    """Bulk import: the sheet, its files, dry run or real import (files are read from request.files)."""

    dry_run = BooleanField(_l("Chạy thử (không ghi gì)"), default=True)
    action = HiddenField(default="dry_run")
