"""The report as a PDF (fpdf2): DejaVu Sans for every Dutch and English character, the pictures drawn from
their SVG, a footer with the knowledge version, the "not a decision" note and the page number.

The fonts are parsed once per process (`_font`): parsing the three DejaVu files took a third of a PDF's time."""
import copy
import io
import logging
import os
import threading
from pathlib import Path

from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import FontFace, SubsetMap

from ...rules.situation import one_line
from ..texts import texts
from .model import Heading, Paragraph, Picture, Rows

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
# The pictures name system-ui first: registering the font under that name makes fpdf2's SVG text use it. Their text
# is regular or bold, never oblique; fpdf2 subsets (about 0.1 s) every font registered, used or not.
FAMILIES = {"DejaVu": ("", "B", "I"), "system-ui": ("", "B")}
INK, MUTED, ACCENT, PALE = (26, 26, 26), (74, 83, 97), (11, 92, 171), (242, 244, 247)
PICTURE_WIDTH_MM = 100
HEADING_SIZES = {2: 14, 3: 11.5}
KEEP_WITH_PICTURE_MM = 80       # the tallest picture (scenario 3) drawn PICTURE_WIDTH_MM wide, and its heading
KEEP_WITH_TEXT_MM = 30          # a heading and the first lines under it
KEEP_WITH_HEADING_MM = 45       # a heading, the heading right under it and its first lines

logging.getLogger("fpdf.svg").setLevel(logging.ERROR)   # it logs every <title>/<desc> it does not draw


class FontMissing(RuntimeError):
    """The DejaVu fonts the PDF needs are not installed (Debian: fonts-dejavu-core)."""


def font_dir():
    """The folder holding the DejaVu Sans fonts: REGIEWIJZER_FONT_DIR, or a usual system place."""
    candidates = [os.environ["REGIEWIJZER_FONT_DIR"]] if os.environ.get("REGIEWIJZER_FONT_DIR") else FONT_DIRS
    for folder in candidates:
        if all((Path(folder) / name).is_file() for name in FONT_FILES.values()):
            return Path(folder)
    raise FontMissing(f"DejaVu Sans fonts not found in {', '.join(candidates)}; install fonts-dejavu-core "
                      "or set REGIEWIJZER_FONT_DIR")


_PARSED = {}          # font file path -> (fpdf2's TTFFont parsed from it, the file's bytes)
_PARSING = threading.Lock()


def _font(pdf, family, style, path):
    """Add a font to `pdf` from one parsed once per process. Its metrics (widths, glyph ids, descriptor) are
    shared and only read; what fpdf2 changes per document is the document's own: its fontTools font (subset in
    place when the PDF is written), the glyphs used, the missing ones, its number in the document."""
    with _PARSING:
        if path not in _PARSED:
            scratch = FPDF()
            scratch.add_font(family, style, str(path))
            _PARSED[path] = (next(iter(scratch.fonts.values())), Path(path).read_bytes())
    parsed, data = _PARSED[path]
    font = copy.copy(parsed)
    font.i, font.fontkey = len(pdf.fonts) + 1, f"{family.lower()}{style}"
    font.ttfont = ttLib.TTFont(io.BytesIO(data), recalcTimestamp=False, lazy=True)
    font.subset, font.missing_glyphs, font.biggest_size_pt, font._hbfont = SubsetMap(font), [], 0, None
    font.desc = copy.copy(parsed.desc)         # a PDF object: numbered when the document is written
    pdf.fonts[font.fontkey] = font


class _Document(FPDF):
    def __init__(self, report, version):
        super().__init__(format="A4")
        note = texts(report.lang)["report"]["note"].split(".")[0]
        self.report, self.footer_text = report, f"Regiewijzer · {version} · {note}."
        folder = font_dir()
        for family, styles in FAMILIES.items():
            for style in styles:
                _font(self, family, style, folder / FONT_FILES[style])
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(report.title)
        self.set_lang(report.lang)

    def footer(self):
        self.set_y(-13)
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.footer_text, align="L")
        self.cell(0, 5, str(self.page_no()), align="R")

    def text_block(self, text, size=10, style="", color=INK, indent=0, gap=1.2):
        self.set_font("DejaVu", style, size)
        self.set_text_color(*color)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.epw - indent, size * 0.45, one_line(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)

    def heading(self, block, following):
        """A heading, on a new page when what follows it (a picture, a heading under it, or a few lines) would
        not fit."""
        size = HEADING_SIZES.get(block.level, 11)
        keep = {Picture: KEEP_WITH_PICTURE_MM, Heading: KEEP_WITH_HEADING_MM}.get(type(following), KEEP_WITH_TEXT_MM)
        if self.will_page_break(keep):
            self.add_page()
        self.ln(3 if block.level == 2 else 1.5)
        self.text_block(block.text, size, "B", ACCENT if block.level == 2 else INK, gap=1.5)

    def note(self, text):
        self.set_fill_color(*PALE)
        self.set_draw_color(*ACCENT)
        self.set_font("DejaVu", "I", 9.5)
        self.set_text_color(*INK)
        self.multi_cell(0, 5, one_line(text), border="L", fill=True, padding=2, align="L", new_x="LMARGIN",
                        new_y="NEXT")
        self.ln(2)

    def rows(self, block):
        self.set_font("DejaVu", "", 7.5 if block.small else 8.5)
        self.set_text_color(*INK)
        widths = {2: (3, 2), 3: (3, 4, 2)}.get(len(block.header))
        with self.table(col_widths=widths, text_align="LEFT",
                        headings_style=FontFace(emphasis="BOLD", fill_color=PALE),
                        line_height=3.6 if block.small else 4.2, padding=1 if block.small else 1.2) as table:
            header = table.row()
            for cell in block.header:
                header.cell(one_line(cell))
            for row in block.rows:
                line = table.row()
                for cell in row:
                    line.cell(one_line(cell))
        self.ln(2)

    def picture(self, block):
        self.image(io.BytesIO(block.svg.encode("utf-8")), x=self.l_margin, w=PICTURE_WIDTH_MM)
        self.ln(2)

    def entries(self, block):
        for entry in block.entries:
            if self.will_page_break(14):
                self.add_page()
            self.set_font("DejaVu", "", 10)
            self.set_text_color(*ACCENT)
            self.cell(4, 4.5, "•")
            if entry.title:
                self.text_block(entry.title, 10, "B", indent=4, gap=0.3)
            self.text_block(entry.text, 10, indent=4, gap=0.3)
            if entry.inference:
                self.text_block(entry.inference, 9, "I", indent=4, gap=0.3)
            if entry.cite:
                self.text_block(entry.cite, 8, "I", MUTED, indent=4, gap=0.3)
            self.ln(1.5)


def render_pdf(report, version):
    pdf = _Document(report, version)
    pdf.add_page()
    pdf.text_block(report.title, 18, "B", gap=3)
    for block, following in zip(report.blocks, [*report.blocks[1:], None], strict=True):
        if isinstance(block, Heading):
            pdf.heading(block, following)
        elif isinstance(block, Paragraph):
            pdf.note(block.text) if block.note else pdf.text_block(block.text)
        elif isinstance(block, Rows):
            pdf.rows(block)
        elif isinstance(block, Picture):
            pdf.picture(block)
        else:
            pdf.entries(block)
    return bytes(pdf.output())
