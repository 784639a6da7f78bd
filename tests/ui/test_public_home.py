"""«Про панель» (issue 12): the programme in figures, the latest additions, live links."""

from __future__ import annotations

from odcore.config import load_config
from odcore.figures import build_figures
from odcore.public import public_view
from odcore.reading import load_workbook
from odcore.service import open_source
from tests.ui.rendered import unescape


def test_about_shows_the_headline_figures_and_live_links(public_app, secrets_file):
    # The council's contact as a deployment sets it (the demo's own shows only on the
    # bundled demo workbook).
    secrets_file.write_text('[odcore.council]\npublic_contact = "dani@rada.example.org"\n',
                            encoding="utf-8")
    at = public_app("app_pages/public_home.py")
    assert not at.exception
    config = load_config()
    view = public_view(build_figures(load_workbook(open_source(config), config.settings),
                                     config.settings.today(), config.settings))
    tiles = {unescape(m.label): m.value for m in at.metric}
    assert tiles["Оприлюднено наборів"] == str(len(view.datasets))
    assert tiles["Продуктів на даних"] == str(len(view.products))
    assert set(tiles) >= {"Оновлюються вчасно", "Відповідають стандарту", "Виконання плану"}
    text = " ".join(m.value for m in at.markdown)
    assert "](https://data.gov.ua)" in text
    assert view.public_contact == "dani@rada.example.org"
    assert f"(<mailto:{view.public_contact}>)" in text
    # The latest additions open the dataset's and the product's own pages.
    queries = [e.proto.query_string for e in at.get("page_link")]
    newest = view.latest_datasets(1)[0]
    assert f"dataset={newest.id}" in queries
    assert any(q.startswith("product=") for q in queries)
