"""Forms of the procedures pages: a procedure with its rows, an announcement decision with its items, import.

Repeated rows are WTForms ``FieldList``s named ``channels-0-channel``, ``items-3-action``…: the page renders
empty rows so it works without JavaScript, and static/js/procedures.js adds more by cloning the last one.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from registry.documents.forms import VNDateField
from registry.procedures.models import (
    ACTION_LABELS,
    CHANNEL_LABELS,
    LEVEL_LABELS,
    ONLINE_LABELS,
    STATUS_LABELS,
    AnnouncementAction,
    ChannelKind,
    OnlineLevel,
    ProcedureLevel,
    ProcedureStatus,
)

EMPTY_ROWS = 5  # empty item rows an announcement form offers without JavaScript


def int_or_none(value: Any) -> int | None:
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _choices(labels: dict[Any, tuple[str, str]], blank: bool = False) -> list[tuple[str, str]]:
    out = [("", "—")] if blank else []
    return out + [(k.value, vi) for k, (vi, _en) in labels.items()]


class ChannelRow(Form):
    channel = SelectField(
        _l("Cách thức"), choices=_choices(CHANNEL_LABELS, blank=True), validate_choice=False
    )
    time_limit = StringField(_l("Thời hạn giải quyết"), validators=[Optional(), Length(max=2000)])
    time_limit_days = IntegerField(_l("Số ngày"), validators=[Optional(), NumberRange(min=0, max=3650)])
    fee = StringField(_l("Phí, lệ phí"), validators=[Optional(), Length(max=2000)])
    description = StringField(_l("Mô tả"), validators=[Optional(), Length(max=2000)])

    def is_empty(self) -> bool:
        return not self.channel.data and not (self.time_limit.data or "").strip()


class DossierRow(Form):
    name = StringField(_l("Tên giấy tờ"), validators=[Optional(), Length(max=2000)])
    form_name = StringField(_l("Mẫu đơn, tờ khai"), validators=[Optional(), Length(max=300)])
    copies_original = IntegerField(_l("Bản chính"), validators=[Optional(), NumberRange(min=0, max=99)])
    copies_copy = IntegerField(_l("Bản sao"), validators=[Optional(), NumberRange(min=0, max=99)])
    note = StringField(_l("Ghi chú"), validators=[Optional(), Length(max=2000)])

    def is_empty(self) -> bool:
        return not (self.name.data or "").strip()


class BasisRow(Form):
    number = StringField(_l("Số, ký hiệu"), validators=[Optional(), Length(max=80)])
    provisions = StringField(_l("Điều, khoản"), validators=[Optional(), Length(max=300)])
    title = StringField(_l("Tên văn bản (nếu không có số)"), validators=[Optional(), Length(max=500)])
    issued_on = VNDateField(_l("Ngày ban hành"), validators=[Optional()])

    def is_empty(self) -> bool:
        return not (self.number.data or "").strip() and not (self.title.data or "").strip()


class ProcedureForm(FlaskForm):
    code = StringField(
        _l("Mã thủ tục"),
        validators=[DataRequired(), Length(max=60)],
        render_kw={"placeholder": "1.002425.000.00.00.H47"},
    )
    name = TextAreaField(_l("Tên thủ tục"), validators=[DataRequired(), Length(max=4000)])
    level = SelectField(_l("Cấp thực hiện"), choices=_choices(LEVEL_LABELS))
    procedure_type = StringField(_l("Loại thủ tục"), validators=[Optional(), Length(max=120)])
    field_id = SelectField(_l("Lĩnh vực"), coerce=int_or_none, validate_choice=False)
    agency_id = SelectField(_l("Cơ quan thực hiện"), coerce=int_or_none, validate_choice=False)
    competent_agency = StringField(_l("Cơ quan có thẩm quyền"), validators=[Optional(), Length(max=300)])
    authorized_agency = StringField(_l("Cơ quan được ủy quyền"), validators=[Optional(), Length(max=300)])
    coordinating_agency = StringField(_l("Cơ quan phối hợp"), validators=[Optional(), Length(max=300)])
    steps = TextAreaField(_l("Trình tự thực hiện"))
    applicants = TextAreaField(_l("Đối tượng thực hiện"))
    submission_address = TextAreaField(_l("Địa chỉ tiếp nhận hồ sơ"))
    result = TextAreaField(_l("Kết quả thực hiện"))
    requirements = TextAreaField(_l("Yêu cầu, điều kiện"))
    fee_note = TextAreaField(_l("Phí, lệ phí (ghi chú chung)"))
    time_limit = TextAreaField(_l("Thời hạn giải quyết (chung)"))
    online_level = SelectField(_l("Dịch vụ công trực tuyến"), choices=_choices(ONLINE_LABELS))
    review_cycle_months = IntegerField(
        _l("Chu kỳ rà soát (tháng)"), validators=[Optional(), NumberRange(min=1, max=120)]
    )
    public = BooleanField(_l("Công khai"), default=True)
    status = SelectField(_l("Trạng thái (khi chưa có quyết định công bố)"), choices=_choices(STATUS_LABELS))
    active_since = VNDateField(_l("Áp dụng từ ngày"), validators=[Optional()])
    repealed_on = VNDateField(_l("Bãi bỏ từ ngày"), validators=[Optional()])
    channels = FieldList(FormField(ChannelRow), min_entries=3)
    dossier = FieldList(FormField(DossierRow), min_entries=5)
    bases = FieldList(FormField(BasisRow), min_entries=3)
    version = HiddenField()


class ItemRow(Form):
    procedure_code = StringField(_l("Mã thủ tục"), validators=[Optional(), Length(max=60)])
    procedure_name = TextAreaField(_l("Tên thủ tục"), validators=[Optional(), Length(max=4000)])
    action = SelectField(
        _l("Nội dung"), choices=_choices(ACTION_LABELS), default=AnnouncementAction.NEW.value
    )
    changes = TextAreaField(_l("Nội dung sửa đổi, bổ sung"), validators=[Optional(), Length(max=4000)])
    cause_number = StringField(_l("Văn bản quy định"), validators=[Optional(), Length(max=80)])
    basis_text = TextAreaField(_l("Căn cứ pháp lý (thủ tục mới)"), validators=[Optional(), Length(max=4000)])
    time_limit = StringField(_l("Thời hạn giải quyết"), validators=[Optional(), Length(max=2000)])

    def is_empty(self) -> bool:
        return not (self.procedure_code.data or "").strip() and not (self.procedure_name.data or "").strip()


class AnnouncementForm(FlaskForm):
    document_number = StringField(
        _l("Số quyết định công bố"),
        validators=[Optional(), Length(max=80)],
        render_kw={"placeholder": "3218/QĐ-UBND"},
    )
    document_id = HiddenField()
    document_issued_on = VNDateField(_l("Ngày ban hành (nếu số trùng)"), validators=[Optional()])
    note = TextAreaField(_l("Ghi chú"), validators=[Optional(), Length(max=2000)])
    default_level = SelectField(
        _l("Cấp thực hiện (thủ tục mới)"), choices=_choices(LEVEL_LABELS), validate_choice=False
    )
    default_field_id = SelectField(_l("Lĩnh vực (thủ tục mới)"), coerce=int_or_none, validate_choice=False)
    default_agency_id = SelectField(
        _l("Cơ quan thực hiện (thủ tục mới)"), coerce=int_or_none, validate_choice=False
    )
    items = FieldList(FormField(ItemRow), min_entries=EMPTY_ROWS)


class ImportForm(FlaskForm):
    file = FileField(_l("Tệp danh mục (CSV, XLSX hoặc JSON)"))
    dry_run = BooleanField(_l("Chạy thử (chỉ kiểm tra, không lưu)"), default=True)


__all__ = [
    "AnnouncementForm",
    "BasisRow",
    "ChannelRow",
    "DossierRow",
    "ImportForm",
    "ItemRow",
    "ProcedureForm",
    "ChannelKind",
    "OnlineLevel",
    "ProcedureLevel",
    "ProcedureStatus",
]
