from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import TextInput

from registry.documents import validity as v
from registry.documents.models import DOC_TYPES


class VNDateField(DateField):
    """A date typed as dd/mm/yyyy (also accepts ISO yyyy-mm-dd); a text box, so every browser shows dd/mm/yyyy."""

    widget = TextInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("format", ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"])
        kwargs.setdefault(
            "render_kw", {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        )
        super().__init__(*args, **kwargs)

    def _value(self):
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.strftime("%d/%m/%Y") if self.data else ""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            super().process_formdata([valuelist[0].strip()])
        except ValueError as err:
            self.data = None
            raise ValueError(str(_l("Ngày không hợp lệ (dd/mm/yyyy)."))) from err


def type_choices():
    return [(code, f"{vi} ({code})") for code, (vi, _en) in DOC_TYPES.items()]


class DocumentForm(FlaskForm):
    number = StringField(
        _l("Số, ký hiệu"),
        validators=[DataRequired(_l("Trường này bắt buộc.")), Length(max=80)],
        render_kw={"placeholder": "30/2013/QĐ-UBND"},
    )
    doc_type = SelectField(
        _l("Loại văn bản"), choices=type_choices, validators=[DataRequired(_l("Trường này bắt buộc."))]
    )
    agency_id = SelectField(
        _l("Cơ quan ban hành"), coerce=int, validators=[DataRequired(_l("Trường này bắt buộc."))]
    )
    summary = TextAreaField(
        _l("Trích yếu"), validators=[DataRequired(_l("Trường này bắt buộc.")), Length(max=4000)]
    )
    issued_on = VNDateField(_l("Ngày ban hành"), validators=[InputRequired(_l("Trường này bắt buộc."))])
    effective_mode = SelectField(
        _l("Hiệu lực"),
        choices=[
            ("date", _l("Từ ngày")),
            ("on_signing", _l("Kể từ ngày ký")),
            ("unknown", _l("Chưa xác định")),
        ],
        default="date",
    )
    effective_on = VNDateField(_l("Ngày có hiệu lực"), validators=[Optional()])
    expires_on = VNDateField(_l("Ngày hết hiệu lực (nếu văn bản quy định thời hạn)"), validators=[Optional()])
    signer = StringField(_l("Người ký"), validators=[Optional(), Length(max=120)])
    signer_capacity = StringField(
        _l("Thẩm quyền ký"),
        validators=[Optional(), Length(max=120)],
        render_kw={"placeholder": "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"},
    )
    signer_title = StringField(
        _l("Chức danh"), validators=[Optional(), Length(max=120)], render_kw={"placeholder": "PHÓ CHỦ TỊCH"}
    )
    place = StringField(_l("Nơi ban hành"), validators=[Optional(), Length(max=120)])
    field_ids = SelectMultipleField(_l("Lĩnh vực"), coerce=int, validators=[Optional()])
    sector = StringField(_l("Ngành"), validators=[Optional(), Length(max=120)])
    scope = StringField(_l("Phạm vi"), validators=[Optional(), Length(max=200)])
    gazette_number = StringField(_l("Số công báo"), validators=[Optional(), Length(max=60)])
    gazette_on = VNDateField(_l("Ngày đăng công báo"), validators=[Optional()])
    normative = BooleanField(_l("Văn bản quy phạm pháp luật"))
    announces_procedures = BooleanField(_l("Quyết định công bố thủ tục hành chính"))
    public = BooleanField(_l("Công khai (ai cũng xem được)"), default=True)
    body_text = TextAreaField(_l("Toàn văn"), validators=[Optional()])
    note = TextAreaField(_l("Ghi chú"), validators=[Optional()])
    version = HiddenField()
    confirm = HiddenField(default="")

    #: fields handed to the documents services as they are (empty text as ""); the effective date is the
    #: caller's, since its modes differ between the register form and the ingest confirmation form
    VALUES = ("number", "doc_type", "agency_id", "summary", "issued_on", "expires_on", "gazette_on")
    TEXTS = (
        "signer",
        "signer_capacity",
        "signer_title",
        "place",
        "sector",
        "scope",
        "gazette_number",
        "body_text",
        "note",
    )
    FLAGS = ("normative", "announces_procedures", "public")

    def record_values(self) -> dict:
        """The record as the documents services take it, without the effective date."""
        out = {name: getattr(self, name).data for name in self.VALUES}
        out.update({name: getattr(self, name).data or "" for name in self.TEXTS})
        out.update({name: bool(getattr(self, name).data) for name in self.FLAGS})
        return out

    def validate_effective_on(self, field):
        if self.effective_mode.data == "date" and not field.data and not field.errors:
            raise ValidationError(str(_l("Nhập ngày có hiệu lực, hoặc chọn “Kể từ ngày ký”.")))


def relation_kind_choices():
    return [(k.value, v.RELATION_LABELS[k][0]) for k in v.RelationKind]


class RelationForm(FlaskForm):
    kind = SelectField(
        _l("Quan hệ"), choices=relation_kind_choices, validators=[DataRequired(_l("Trường này bắt buộc."))]
    )
    direction = SelectField(
        _l("Chiều"),
        choices=[
            ("out", _l("Văn bản này tác động lên văn bản khác")),
            ("in", _l("Văn bản khác tác động lên văn bản này")),
        ],
        default="out",
    )
    target_id = IntegerField(_l("Mã văn bản đã đăng ký"), validators=[Optional()])
    target_number = StringField(
        _l("hoặc số, ký hiệu"),
        validators=[Optional(), Length(max=80)],
        render_kw={"placeholder": "14/2019/QĐ-UBND"},
    )
    target_issued_on = VNDateField(_l("Ngày ban hành của văn bản đó"), validators=[Optional()])
    target_title = StringField(
        _l("Tên (luật, bộ luật trích dẫn theo tên)"), validators=[Optional(), Length(max=300)]
    )
    provisions = StringField(
        _l("Điều, khoản"),
        validators=[Optional(), Length(max=300)],
        render_kw={"placeholder": "Điều 8, khoản 2"},
    )
    on = VNDateField(_l("Ngày tác động (nếu khác ngày có hiệu lực)"), validators=[Optional()])
    note = StringField(_l("Ghi chú"), validators=[Optional(), Length(max=1000)])
    action = HiddenField(default="preview")


def event_kind_choices():
    return [(k.value, v.EVENT_LABELS[k][0]) for k in v.EventKind if k is not v.EventKind.PARENT_EXPIRED]


class EventForm(FlaskForm):
    kind = SelectField(
        _l("Sự kiện"), choices=event_kind_choices, validators=[DataRequired(_l("Trường này bắt buộc."))]
    )
    on = VNDateField(_l("Ngày"), validators=[InputRequired(_l("Trường này bắt buộc."))])
    cause_id = IntegerField(_l("Văn bản gây ra (mã)"), validators=[Optional()])
    cause_number = StringField(_l("hoặc số, ký hiệu"), validators=[Optional(), Length(max=80)])
    provisions = StringField(_l("Điều, khoản"), validators=[Optional(), Length(max=300)])
    note = TextAreaField(_l("Ghi chú"), validators=[Optional(), Length(max=2000)])
    action = HiddenField(default="preview")


class CorrectionForm(FlaskForm):
    reason = StringField(
        _l("Lý do đính chính"), validators=[DataRequired(_l("Trường này bắt buộc.")), Length(max=500)]
    )


class AgencyForm(FlaskForm):
    code = StringField(
        _l("Mã"),
        validators=[DataRequired(_l("Trường này bắt buộc.")), Length(max=40)],
        render_kw={"placeholder": "UBND-TNH"},
    )
    name = StringField(
        _l("Tên cơ quan"), validators=[DataRequired(_l("Trường này bắt buộc.")), Length(max=200)]
    )
    name_en = StringField(_l("Tên tiếng Anh"), validators=[Optional(), Length(max=200)])
    abbrev = StringField(
        _l("Viết tắt trong số ký hiệu"),
        validators=[DataRequired(_l("Trường này bắt buộc.")), Length(max=40)],
        render_kw={"placeholder": "UBND"},
    )
    level = SelectField(
        _l("Cấp"),
        choices=[
            ("province", _l("Cấp tỉnh")),
            ("commune", _l("Cấp xã")),
            ("central", _l("Trung ương")),
            ("party", _l("Cơ quan Đảng")),
        ],
    )


class FieldForm(FlaskForm):
    code = StringField(
        _l("Mã"),
        validators=[DataRequired(_l("Trường này bắt buộc.")), Length(max=40)],
        render_kw={"placeholder": "y-te"},
    )
    name = StringField(
        _l("Tên lĩnh vực"), validators=[DataRequired(_l("Trường này bắt buộc.")), Length(max=200)]
    )
    name_en = StringField(_l("Tên tiếng Anh"), validators=[Optional(), Length(max=200)])
