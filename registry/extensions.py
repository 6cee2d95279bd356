"""Flask extensions, created unbound; ``create_app`` binds them."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from registry.db import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
api = Api()
babel = Babel()
