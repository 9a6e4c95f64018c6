"""The report as a standalone HTML page (pictures inline, styles in the page, no script)."""
from html import escape

from .model import Heading, Paragraph, Picture, Rows

STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1a1a;max-width:46rem;
margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d0d5dd}h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;
border-bottom:1px solid #eaecf0}.note{background:#f2f4f7;border-left:4px solid #0b5cab;padding:.5rem .75rem}
.cite{color:#4a5361;font-size:.85rem}figure{margin:1rem 0}svg{max-width:100%;height:auto}
@media print{h2{break-after:avoid}figure,li{break-inside:avoid}}
"""


def _block(block):
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f'<p class="note">{escape(block.text)}</p>' if block.note else f"<p>{escape(block.text)}</p>"
    if isinstance(block, Rows):
        head = "".join(f"<th>{escape(h)}</th>" for h in block.header)
        rows = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in block.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if isinstance(block, Picture):
        return f"<figure>{block.svg}<figcaption class=\"cite\">{escape(block.caption)}</figcaption></figure>"
    entries = []
    for entry in block.entries:
        title = f"<strong>{escape(entry.title)}</strong> " if entry.title else ""
        cite = f'<br><span class="cite">{escape(entry.cite)}</span>' if entry.cite else ""
        inference = f'<br><em class="inference">{escape(entry.inference)}</em>' if entry.inference else ""
        entries.append(f"<li>{title}{escape(entry.text)}{inference}{cite}</li>")
    return "<ul>" + "".join(entries) + "</ul>"


def render_html(report):
    body = "\n".join(_block(b) for b in report.blocks)
    return (f'<!DOCTYPE html>\n<html lang="{report.lang}"><head><meta charset="utf-8">'
            f"<title>{escape(report.title)}</title><style>{STYLE}</style></head>"
            f"<body><h1>{escape(report.title)}</h1>\n{body}\n</body></html>\n")
