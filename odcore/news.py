"""The quarterly news post draft (task 5.1): Markdown and .docx for the council's website.

Built from the public projection (odcore.public, WORKBOOK.md's allow-list) of the figures at
the quarter's end date (``Quarter.end_as_of``), so a personal or internal value cannot reach
it: datasets first published or updated in the quarter (title, description, link to
data.gov.ua), public products added in it, the headline figures in plain words and a line
inviting people to propose products. Aggregate counts come from the same Figures. The draft
is a starting point that the coordinator edits; nothing is published. docs/communication.md
says what each part holds and why.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from odcore.exports.safe import atomic_path
from odcore.figures import Figures
from odcore.i18n import plural_index
from odcore.periods import Quarter
from odcore.public import PublicDataset, PublicProduct, public_view
from odcore.rounding import whole_percent

PORTAL_ORGANIZATION = "https://data.gov.ua/organization/"
_ROMAN = ("I", "II", "III", "IV")


def _plural(count: int, one: str, few: str, many: str) -> str:
    """``1 набір``, ``2 набори``, ``5 наборів``."""
    return f"{count} {(one, few, many)[plural_index(count)]}"


def _quarter_genitive(quarter: Quarter) -> str:
    """``III кварталу 2025 року``."""
    return f"{_ROMAN[quarter.q - 1]} кварталу {quarter.year} року"


def _quarter_locative(quarter: Quarter) -> str:
    """``III кварталі 2025 року``."""
    return f"{_ROMAN[quarter.q - 1]} кварталі {quarter.year} року"


@dataclass(frozen=True)
class Link:
    """A piece of text, linked when ``url`` is set (an http(s) URL from the projection)."""

    text: str
    url: str | None = None


Line = tuple[Link, ...]  # one paragraph or list item: text runs, some of them links


@dataclass(frozen=True)
class NewsDraft:
    """The draft's content; :func:`news_markdown` and :func:`news_docx` render it."""

    quarter: Quarter
    as_of: dt.date
    council: str
    new_datasets: tuple[PublicDataset, ...]
    updated_datasets: tuple[PublicDataset, ...]  # updated in the quarter, first published before
    products: tuple[PublicProduct, ...]  # public, added in the quarter
    figures: tuple[str, ...]  # the headline figures, one sentence each
    contact: str
    portal_page: str

    @property
    def title(self) -> str:
        return f"Відкриті дані: {self.council} — підсумки {_quarter_genitive(self.quarter)}"

    @property
    def note(self) -> str:
        """The line for the coordinator (not for the website)."""
        return (f"Чернетка новини для вебсайту, підготовлена панеллю відкритих даних за даними "
                f"станом на {self.as_of:%d.%m.%Y}. Перевірте, доповніть і відредагуйте текст "
                "перед публікацією; цей абзац видаліть.")

    @property
    def lead(self) -> str:
        new, updated = len(self.new_datasets), len(self.updated_datasets)
        when = f"У {_quarter_locative(self.quarter)}"
        if not new and not updated:
            return (f"{when} {self.council} продовжувала роботу з відкритими даними. "
                    "Розповідаємо про результати програми.")
        parts = []
        if new:
            parts.append("оприлюднила " + _plural(new, "новий набір", "нові набори",
                                                  "нових наборів") + " відкритих даних")
        if updated:
            parts.append("оновила " + _plural(updated, "набір", "набори", "наборів"))
        return f"{when} {self.council} " + " та ".join(parts) + \
            ". Розповідаємо, що нового і як цим скористатися."

    def sections(self) -> list[tuple[str, list[Line]]]:
        """(heading, list items) in the draft's order; a section with no items is left out."""
        result: list[tuple[str, list[Line]]] = []
        if self.new_datasets:
            result.append(("Нові набори даних", [self._dataset_line(d, new=True)
                                                 for d in self.new_datasets]))
        if self.updated_datasets:
            result.append(("Оновлені набори даних", [self._dataset_line(d, new=False)
                                                     for d in self.updated_datasets]))
        if self.products:
            result.append(("Нові продукти на відкритих даних",
                           [self._product_line(p) for p in self.products]))
        result.append(("Програма в цифрах", [(Link(text),) for text in self.figures]))
        return result

    @property
    def invitation(self) -> Line:
        return (Link("Маєте ідею сервісу, застосунку, візуалізації чи дослідження на відкритих "
                     "даних громади? Напишіть нам: "), Link(self.contact, _mailto(self.contact)),
                Link(". Усі набори даних громади — на "),
                Link("порталі відкритих даних", self.portal_page), Link("."))

    def _dataset_line(self, dataset: PublicDataset, *, new: bool) -> Line:
        day = dataset.first_published if new else dataset.last_updated
        when = ("оприлюднено" if new else "оновлено") + (f" {day:%d.%m.%Y}" if day else "")
        line = [Link(dataset.title, dataset.portal_url or self.portal_page)]
        if dataset.description:
            line.append(Link(f" — {_sentence(dataset.description)}"))
        line.append(Link(f" ({when})."))
        return tuple(line)

    def _product_line(self, product: PublicProduct) -> Line:
        line = [Link(product.name, product.url), Link(f" ({product.kind.lower()})")]
        if product.description:
            line.append(Link(f" — {_sentence(product.description)}"))
        if product.author:
            line.append(Link(f" Автор: {product.author}."))
        return tuple(line)


def _sentence(text: str) -> str:
    """One line of cell text ending with a full stop (cells may hold line breaks)."""
    joined = " ".join(text.split())
    return joined if joined.endswith((".", "!", "?", "…")) else joined + "."


def _mailto(contact: str) -> str | None:
    return f"mailto:{contact}" if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", contact) else None


def _in(day: dt.date | None, quarter: Quarter) -> bool:
    return day is not None and quarter.start <= day <= quarter.end


def _headline(figures: Figures, products: int) -> tuple[str, ...]:
    """The quarter's headline figures in plain words (public aggregates only)."""
    settings, counts = figures.settings, figures.assessment.counts
    lines = []
    if figures.plan.progress is not None:
        line = (f"План дій з реалізації політики відкритих даних на "
                f"{settings.plan_first_year}–{settings.plan_last_year} роки виконано на "
                f"{whole_percent(figures.plan.progress)} %")
        if figures.previous.progress is not None:
            line += f" (на початок кварталу — {whole_percent(figures.previous.progress)} %)"
        lines.append(line + ".")
    published = _plural(counts.published, "набір", "набори", "наборів")
    line = f"Оприлюднено {published} відкритих даних"
    if counts.published:
        line += (f"; стандартам оприлюднення відповідають {counts.compliant} "
                 f"({whole_percent(counts.compliant / counts.published)} %)")
    lines.append(line + ".")
    if counts.mandatory:
        lines.append(f"Із {_plural(counts.mandatory, 'набору', 'наборів', 'наборів')}, "
                     f"обовʼязкових до оприлюднення за постановою Кабінету Міністрів № 835, "
                     f"оприлюднено {counts.mandatory_published}.")
    if counts.evaluable:
        lines.append(f"Вчасно оновлюються {whole_percent(counts.on_time / counts.evaluable)} % "
                     "наборів, для яких визначено частоту оновлення.")
    lines.append(f"На відкритих даних громади створено "
                 f"{_plural(products, 'продукт', 'продукти', 'продуктів')}: сервіси, "
                 "застосунки, візуалізації та дослідження.")
    return tuple(lines)


def news_draft(figures: Figures, quarter: Quarter) -> NewsDraft:
    """The draft for ``quarter`` from the figures at its end date (``quarter.end_as_of``)."""
    if figures.as_of != quarter.end_as_of:
        raise ValueError(f"the figures are at {figures.as_of}, not at the end of {quarter}")
    view = public_view(figures)
    new = tuple(d for d in view.datasets if _in(d.first_published, quarter))
    updated = tuple(d for d in view.datasets
                    if _in(d.last_updated, quarter) and not _in(d.first_published, quarter))
    by_day = sorted(new, key=lambda d: (d.first_published or dt.date.min, d.title))
    by_update = sorted(updated, key=lambda d: (d.last_updated or dt.date.min, d.title))
    products = tuple(sorted((p for p in view.products if _in(p.added_on, quarter)),
                            key=lambda p: (p.added_on or dt.date.min, p.name)))
    council = figures.settings.council
    return NewsDraft(
        quarter=quarter, as_of=figures.as_of, council=view.council,
        new_datasets=tuple(by_day), updated_datasets=tuple(by_update), products=products,
        figures=_headline(figures, len(view.products)),
        contact=view.public_contact or council.website,
        portal_page=PORTAL_ORGANIZATION + council.portal_organization
        if council.portal_organization else "https://data.gov.ua")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def _md(text: str) -> str:
    """Cell text as Markdown that renders as typed (markup characters escaped)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def _md_line(line: Line) -> str:
    return "".join(f"[{_md(part.text)}](<{part.url}>)" if part.url else _md(part.text)
                   for part in line)


def news_markdown(draft: NewsDraft) -> str:
    """The draft as Markdown: a title, the coordinator's note, the lead, the lists, the
    invitation."""
    out = [f"# {_md(draft.title)}", "", f"> {_md(draft.note)}", "", _md(draft.lead), ""]
    for heading, items in draft.sections():
        out += [f"## {_md(heading)}", ""]
        out += [f"- {_md_line(item)}" for item in items]
        out.append("")
    out += [_md_line(draft.invitation), ""]
    return "\n".join(out)


def _add_hyperlink(paragraph: Paragraph, text: str, url: str) -> None:
    """A clickable run (python-docx has no public API for external hyperlinks)."""
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.extend([style, colour, underline])
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.extend([props, text_element])
    link.append(run)
    paragraph._p.append(link)


def _docx_line(paragraph: Paragraph, line: Line) -> None:
    for part in line:
        if part.url:
            _add_hyperlink(paragraph, part.text, part.url)
        else:
            paragraph.add_run(part.text)


def news_docx(draft: NewsDraft) -> bytes:
    """The draft as a Word document (.docx), the same content as the Markdown."""
    document = Document()
    document.core_properties.title = draft.title
    document.core_properties.language = "uk-UA"
    document.add_heading(draft.title, level=1)
    note = document.add_paragraph().add_run(draft.note)
    note.italic = True
    note.font.highlight_color = WD_COLOR_INDEX.YELLOW
    document.add_paragraph(draft.lead)
    for heading, items in draft.sections():
        document.add_heading(heading, level=2)
        for item in items:
            _docx_line(document.add_paragraph(style="List Bullet"), item)
    _docx_line(document.add_paragraph(), draft.invitation)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_news(draft: NewsDraft, out: Path) -> tuple[Path, Path]:
    """Write FILE.md and FILE.docx (the stem of ``out``; each file written atomically)."""
    stem = out.with_suffix("") if out.suffix.lower() in {".md", ".docx"} else out
    markdown, word = stem.with_name(stem.name + ".md"), stem.with_name(stem.name + ".docx")
    with atomic_path(markdown) as temp:
        temp.write_text(news_markdown(draft), encoding="utf-8")
    with atomic_path(word) as temp:
        temp.write_bytes(news_docx(draft))
    return markdown, word
