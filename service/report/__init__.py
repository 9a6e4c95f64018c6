"""The consultation report: one document model (`build_report`), rendered to HTML, Markdown or PDF."""
from .html import render_html
from .markdown import render_markdown
from .model import build_report
from .pdf import FontMissing, render_pdf

FORMATS = {
    "pdf": ("application/pdf", lambda report, version: render_pdf(report, version)),
    "md": ("text/markdown; charset=utf-8", lambda report, version: render_markdown(report).encode("utf-8")),
    "html": ("text/html; charset=utf-8", lambda report, version: render_html(report).encode("utf-8")),
}

__all__ = ["FORMATS", "FontMissing", "build_report", "render_document"]


def render_document(report, fmt, version):
    """(bytes, media type, file name) of the report in one of FORMATS."""
    media_type, render = FORMATS[fmt]
    return render(report, version), media_type, f"regiewijzer-advies-{report.date}.{fmt}"
