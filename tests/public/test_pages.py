"""The public pages' behaviour: empty states, filters from the URL, pages, the dataset page."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse

import pytest

from odcore.ui.navigation import PAGES_DIR
from tests.helpers import tab
from tests.public.conftest import PUBLIC_SCRIPTS
from tests.public.sent import link_targets
from tests.public.workbooks import DEPT, write_xlsx
from tests.ui.rendered import texts, unescape


def products_source(tmp_path, count: int, **values):
    rows = [{"name": f"Продукт {n:02d}", "kind": "Чат-бот" if n % 2 else "Візуалізація",
             "public": "так", "added_on": dt.date(2025, 1, 1) + dt.timedelta(days=n)} | values
            for n in range(count)]
    return write_xlsx(tmp_path / "products.xlsx", [tab("products", *rows)])


def card_names(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**Продукт")]


CONTACT = "dani@rada.example.org"


def council_contact(secrets) -> None:
    """The council's own public contact, as [odcore.council] of secrets.toml sets it."""
    secrets.write_text(f'[odcore.council]\npublic_contact = "{CONTACT}"\n', encoding="utf-8")


def test_no_public_product_tells_how_to_propose_one(public_page, public_env, tmp_path):
    council_contact(public_env)
    at = public_page(products_source(tmp_path, 2, public="ні"), "public_products.py")
    assert not at.exception
    assert f"Напишіть нам: {CONTACT}" in texts(at)
    assert not at.dataframe


def test_without_a_contact_no_page_invites_writing_to_nobody(public_page, tmp_path):
    # A council's own workbook and no [odcore.council]: the demo's address is not theirs.
    at = public_page(products_source(tmp_path, 2, public="ні"), "public_products.py")
    assert "Поки що тут немає жодного продукту." in texts(at)
    assert "Напишіть" not in texts(at) and "zhmerynka" not in texts(at)


def test_many_products_are_shown_twelve_a_page(public_page, tmp_path):
    at = public_page(products_source(tmp_path, 14), "public_products.py")
    assert card_names(at)[0] == "**Продукт 13**" and len(card_names(at)) == 12
    assert "Сторінка 1 з 2" in texts(at)
    at.button(key="pub_products_next").click().run()
    assert card_names(at) == ["**Продукт 01**", "**Продукт 00**"]


def test_kind_filter_is_read_from_the_url(public_page, tmp_path):
    at = public_page(products_source(tmp_path, 4), "public_products.py", {"kind": "Чат-бот"})
    assert card_names(at) == ["**Продукт 03**", "**Продукт 01**"]
    assert "2 продукти" in texts(at)


def test_search_with_no_match_says_so(public_page, tmp_path):
    at = public_page(products_source(tmp_path, 3), "public_products.py")
    at.text_input(key="pub_products_query").input("немає такого").run()
    assert card_names(at) == []
    assert "Нічого не знайдено" in texts(at)


def test_unknown_dataset_in_the_url_shows_the_catalogue_with_a_note(public_page, tmp_path):
    source = write_xlsx(tmp_path / "d.xlsx", [tab("datasets", {
        "id": "DS-1", "title": "Зупинки", "department": DEPT, "status": "Оприлюднено"})])
    at = public_page(source, "public_catalogue.py", {"dataset": "DS-404"})
    assert not at.exception
    assert "Набору даних «DS-404» немає серед оприлюднених" in texts(at)
    assert "Зупинки" in at.dataframe[-1].value.to_csv()


def test_dataset_page_without_products_invites_one(public_page, public_env, tmp_path):
    council_contact(public_env)
    source = write_xlsx(tmp_path / "d.xlsx", [tab("datasets", {
        "id": "DS-1", "title": "Зупинки", "department": DEPT, "status": "Оприлюднено"})])
    at = public_page(source, "public_catalogue.py", {"dataset": "DS-1"})
    assert at.header[0].value == "Зупинки"
    assert f"Створили щось? Напишіть: {CONTACT}" in texts(at)
    public_env.write_text("", encoding="utf-8")
    at = public_page(source, "public_catalogue.py", {"dataset": "DS-1"})
    assert "На цьому наборі ще немає відомих нам продуктів." in texts(at)
    assert "Напишіть" not in texts(at)


def test_empty_register_and_plan_have_their_own_messages(public_page, tmp_path):
    source = products_source(tmp_path, 1)
    assert "Поки що не оприлюднено жодного набору даних." in texts(
        public_page(source, "public_catalogue.py"))
    assert "План заходів ще не заповнено." in texts(public_page(source, "public_programme.py"))


def test_a_product_card_links_published_datasets_by_title_and_names_others(public_page,
                                                                          marker_source):
    at = public_page(marker_source, "public_products.py")
    assert not at.exception
    links = [(unescape(e.proto.label), e.proto.query_string) for e in at.get("page_link")
             if not e.proto.query_string.startswith("product=")]
    assert links == [("DS-1 · Зупинки транспорту", "dataset=DS-1")]
    assert "Набори даних: DS-2" in texts(at)  # not published: text, no link, no title


def test_each_product_has_its_own_shareable_page(public_page, marker_source):
    at = public_page(marker_source, "public_products.py")
    own = [e.proto.query_string for e in at.get("page_link")
           if e.proto.query_string.startswith("product=")]
    assert own and len(own) == len(set(own))  # one distinct URL per card
    slug = urllib.parse.unquote(own[0].removeprefix("product="))
    at = public_page(marker_source, "public_products.py", {"product": slug})
    assert not at.exception
    assert len(at.title) == 1 and at.title[0].value  # the product's name is the page's title
    assert not at.get("selectbox")  # its page, not the gallery's filters
    # An address no product has says so and shows the gallery.
    at = public_page(marker_source, "public_products.py", {"product": "немає-такого"})
    assert at.warning and at.get("selectbox")
    box = at.selectbox(key="query_dataset")
    assert box.options == ["DS-1 · Зупинки транспорту", "DS-2"]


def test_the_dataset_page_shows_an_on_time_badge(public_page, marker_source):
    at = public_page(marker_source, "public_catalogue.py", {"dataset": "DS-1"})
    # DS-1 is yearly: on time or overdue depending on today; a badge with colour and symbol.
    badges = {":green-badge[✓ Оновлюється вчасно]", ":red-badge[✗ Не оновлено вчасно]"}
    assert len([m for m in at.markdown if m.value in badges]) == 1


@pytest.mark.parametrize("script", (*PUBLIC_SCRIPTS, "public_home.py"))
def test_public_pages_take_their_data_only_from_the_public_projection(script):
    # require_public_view gives the projection, or the copy kept when the source is down;
    # a page that read the workbook itself could show what the projection leaves out.
    source = (PAGES_DIR / script).read_text(encoding="utf-8")
    assert "require_public_view()" in source
    assert not re.search(r"require_workbook|load_current|\.workbook\b|\bpublic_view\(", source)


def test_a_valid_picture_and_link_reach_the_card_unchanged_and_a_bad_link_is_left_out(
        public_page, marker_source):
    at = public_page(marker_source, "public_products.py")
    assert sorted(link_targets(at)) == ["https://img.example.org/stops.png",
                                        "https://map.example.org/stops"]
    assert "**Продукт без посилання**" in [m.value for m in at.markdown]  # still shown
