from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from registry.accounts.models import ROLE_LABELS, Role


class LoginForm(FlaskForm):
    username = StringField(
        _l("Tên đăng nhập"), validators=[DataRequired(_l("Trường này bắt buộc.")), Length(max=64)]
    )
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(_l("Trường này bắt buộc."))])
    remember = BooleanField(_l("Ghi nhớ đăng nhập"))


class UserForm(FlaskForm):
    username = StringField(
        _l("Tên đăng nhập"), validators=[DataRequired(_l("Trường này bắt buộc.")), Length(max=64)]
    )
    full_name = StringField(_l("Họ và tên"), validators=[Optional(), Length(max=200)])
    email = EmailField(_l("Thư điện tử"), validators=[Optional(), Length(max=200)])
    role = SelectField(_l("Vai trò"), choices=[(r.value, ROLE_LABELS[r][0]) for r in Role])
    agency_id = SelectField(_l("Cơ quan"), coerce=int, validators=[Optional()])
    password = PasswordField(
        _l("Mật khẩu"), validators=[DataRequired(_l("Trường này bắt buộc.")), Length(min=10)]
    )
