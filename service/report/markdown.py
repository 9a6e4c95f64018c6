"""The report as Markdown; pictures are embedded as SVG data URIs."""
import base64
import re

from ...rules.situation import one_line
from .model import Heading, Paragraph, Picture, Rows

SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text):
    """Text as Markdown that shows it as it is: on one line, markup characters escaped."""
    return SPECIAL.sub(r"\\\1", one_line(text))


def _block(block):
    if isinstance(block, Heading):
        return f"{'#' * block.level} {md_escape(block.text)}"
    if isinstance(block, Paragraph):
        return f"> {md_escape(block.text)}" if block.note else md_escape(block.text)
    if isinstance(block, Rows):
        lines = ["| " + " | ".join(md_escape(h) for h in block.header) + " |",
                 "|" + " --- |" * len(block.header)]
        lines += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in block.rows]
        return "\n".join(lines)
    if isinstance(block, Picture):
        data = base64.b64encode(block.svg.encode("utf-8")).decode("ascii")
        return f"![{md_escape(block.caption)}](data:image/svg+xml;base64,{data})"
    lines = []
    for entry in block.entries:
        title = f"**{md_escape(entry.title)}** " if entry.title else ""
        lines.append(f"- {title}{md_escape(entry.text)}")
        if entry.inference:
            lines.append(f"  _{md_escape(entry.inference)}_")
        if entry.cite:
            lines.append(f"  *{md_escape(entry.cite)}*")
    return "\n".join(lines)


def render_markdown(report):
    return f"# {md_escape(report.title)}\n\n" + "\n\n".join(_block(b) for b in report.blocks) + "\n"
