"""The Streamlit configuration is safe for a public site and its theme meets WCAG AA."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit.config import ShowErrorDetailsConfigOptions

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


@pytest.fixture(scope="module")
def config() -> dict:
    with CONFIG.open("rb") as handle:
        return tomllib.load(handle)


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_visitors_see_no_error_details_and_no_developer_menu(config):
    assert config["client"]["showErrorDetails"] == ShowErrorDetailsConfigOptions.NONE.value
    assert config["client"]["toolbarMode"] == "minimal"  # no menu, no "Made with Streamlit"
    assert config["browser"]["gatherUsageStats"] is False
    assert config["runner"]["magicEnabled"] is False


def test_the_first_run_asks_nothing_in_the_terminal(config):
    assert config["server"]["showEmailPrompt"] is False
    assert "headless" not in config["server"]  # make run passes it; on Windows a browser opens


def test_every_option_is_one_streamlit_knows(config):
    from streamlit import config as streamlit_config

    options = streamlit_config.get_config_options()
    unknown = [f"{section}.{key}" for section, keys in config.items() for key in keys
               if f"{section}.{key}" not in options]
    assert unknown == []


@pytest.mark.parametrize(("fore", "back"), [
    ("textColor", "backgroundColor"),
    ("textColor", "secondaryBackgroundColor"),
    ("primaryColor", "backgroundColor"),
    ("linkColor", "backgroundColor"),
    ("linkColor", "secondaryBackgroundColor"),
])
def test_theme_colours_meet_wcag_aa_contrast(config, fore, back):
    theme = config["theme"]
    assert contrast(theme[fore], theme[back]) >= 4.5


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def blend(colour: str, over: str, opacity: float) -> str:
    """``colour`` drawn at ``opacity`` over ``over``, as the browser composes it."""
    fore = [int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    back = [int(over.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(opacity * f + (1 - opacity) * b):02X}"
                         for f, b in zip(fore, back, strict=True))


@pytest.mark.parametrize("back", ["backgroundColor", "secondaryBackgroundColor"])
def test_captions_at_sixty_percent_opacity_meet_wcag_aa(config, back):
    theme = config["theme"]
    caption = blend(theme["textColor"], theme[back], 0.6)
    assert contrast(caption, theme[back]) >= 4.5
