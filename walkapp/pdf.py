"""PDF documents with fpdf2: a page layout, headings, paragraphs, tables and bars.

fpdf2 is pure Python (no system libraries to install on a server). Its built-in Helvetica covers
Latin-1, which holds every Swedish letter; the few typographic characters outside it (dashes,
curly quotes, ellipsis) are written as their plain equivalents, so any text renders everywhere.
"""

from fpdf import FPDF

_PLAIN = str.maketrans(
    {"–": "-", "—": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "•": "-", "±": "+/-"}
)


def plain(text) -> str:
    """Text the built-in font can write: Latin-1, anything else replaced."""
    return str(text).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


class Document(FPDF):
    """An A4 document with a running title and page numbers."""

    def __init__(self, title: str, subtitle: str = ""):
        super().__init__(format="A4")
        self.doc_title = plain(title)
        self.doc_subtitle = plain(subtitle)
        self.set_title(self.doc_title)
        self.set_creator("walkapp")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)
        self.alias_nb_pages()
        self.add_page()

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, f"{self.doc_title} - {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, level: int = 1) -> None:
        size = {1: 18, 2: 14, 3: 12}[level]
        self.ln(2 if level > 1 else 0)
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, size * 0.5, plain(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(self, text: str, size: int = 10, style: str = "") -> None:
        if not text:
            return
        self.set_font("Helvetica", style, size)
        self.multi_cell(0, size * 0.5, plain(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def ruled_table(self, header: list[str], rows: list[list], widths: list[int]) -> None:
        """A simple ruled table; long cells wrap within their column."""
        self.set_font("Helvetica", size=9)
        with self.table(col_widths=widths, text_align="LEFT", line_height=5) as table:
            heading_row = table.row()
            for text in header:
                heading_row.cell(plain(text))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(plain("" if value is None else value))
        self.ln(2)

    def bar(self, caption: str, value: int, maximum: int, note: str = "") -> None:
        """A labelled horizontal bar: a chart a reader takes in at a glance."""
        width = self.epw - 80
        self.set_font("Helvetica", size=9)
        self.cell(60, 6, plain(caption)[:40])
        x, y = self.get_x(), self.get_y() + 1
        self.set_draw_color(60, 60, 60)
        self.rect(x, y, width, 4)
        if maximum:
            self.set_fill_color(11, 61, 46)
            self.rect(x, y, width * min(value, maximum) / maximum, 4, style="F")
            self.set_fill_color(255, 255, 255)  # tables after this fill their cells with it
        self.set_x(x + width + 2)
        self.cell(0, 6, plain(note or str(value)), new_x="LMARGIN", new_y="NEXT")
