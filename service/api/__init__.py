"""The JSON API, version 1 (/api/v1): advice, what-if, report, the vocabulary, the knowledge, the OpenAPI
document and the admin reload."""
from ..report.cache import RenderedReports
from . import admin, errors, routes


def register_errors(app):
    """JSON error responses for every path (registered first: they answer errors of every interface)."""
    errors.register(app)


def register(app):
    app.extensions["rendered_reports"] = RenderedReports()
    app.register_blueprint(routes.blueprint)
    admin.register(app)
