"""Chinese in the browser: the optional Chinese JupyterLab interface loads, and the glossary's Chinese
terms render as glyphs, not as empty boxes (tofu), in headless Chromium.

The interface: `python -m facecourse.publish.labsetup --language zh_CN` writes the default language
into an environment's lab settings; here into a scratch prefix that this JupyterLab reads, so the
course's own environment is not changed.  The glyphs: every distinct Chinese character in the
glossary's tables, drawn in the table's own font, must differ from the drawing of a character no font
has (the notdef box) and from nothing; without a CJK font (CI installs fonts-noto-cjk) every one of
them is the box.
"""

from __future__ import annotations

import json
import urllib.request

import pytest

from browser_support import SHOTS, jupyterlab, offline_page, require_chromium
from conftest import REPO

from facecourse.publish import labsetup

require_chromium()

TOKEN = "course-chinese-test"


@pytest.fixture(scope="module")
def chinese_lab(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("zh-prefix")
    labsetup.install(prefix, language="zh_CN")
    settings = labsetup.overrides_path(prefix).parent
    with jupyterlab(REPO, TOKEN, "jupyterlab-chinese.log", (f"--LabApp.app_settings_dir={settings}",)) as base:
        yield base


@pytest.fixture(scope="module")
def page(chinese_lab):
    with offline_page() as pg:
        yield pg


def test_switching_on_chinese_writes_the_default_language_and_keeps_the_privacy_settings(tmp_path):
    labsetup.install(tmp_path, language="zh_CN")
    labsetup.install(tmp_path)  # a later refresh (make venv) keeps the choice
    overrides = json.loads(labsetup.overrides_path(tmp_path).read_text())
    assert overrides[labsetup.LANGUAGE_PLUGIN] == {"locale": "zh_CN"}
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    labsetup.install(tmp_path, language="default")
    assert json.loads(labsetup.overrides_path(tmp_path).read_text())[labsetup.LANGUAGE_PLUGIN] == {"locale": "default"}


def test_the_server_lists_the_chinese_language_pack(chinese_lab):
    with urllib.request.urlopen(f"{chinese_lab}/lab/api/translations/?token={TOKEN}", timeout=30) as r:
        packs = json.load(r)["data"]
    assert "zh_CN" in packs, f"installed language packs: {sorted(packs)}"
    assert packs["zh_CN"]["nativeName"].startswith("中文")
    with urllib.request.urlopen(f"{chinese_lab}/lab/api/translations/zh_CN?token={TOKEN}", timeout=30) as r:
        assert json.load(r)["data"], "the pack's translations did not load"


def test_the_interface_is_in_chinese_when_switched_on(page, chinese_lab):
    page.goto(f"{chinese_lab}/lab?reset&token={TOKEN}")
    page.wait_for_selector("#jp-MainMenu", timeout=90_000)
    menus = page.locator("#jp-MainMenu .lm-MenuBar-itemLabel").all_inner_texts()
    assert "文件" in menus and "编辑" in menus, f"menu bar: {menus}"
    assert page.offsite == [], f"tried to reach: {page.offsite}"


# Every distinct Han character in the rendered tables, drawn at 40 px in the cells' font, compared with
# the drawing of U+0378 (unassigned: every font shows its notdef box) and with an empty canvas.
TOFU = r"""() => {
  const cells = [...document.querySelectorAll('.jp-RenderedMarkdown td')];
  const chars = [...new Set(cells.map(c => c.textContent).join('').match(/\p{Script=Han}/gu) || [])];
  const canvas = document.createElement('canvas'); canvas.width = 56; canvas.height = 56;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  ctx.font = '40px ' + getComputedStyle(cells[0]).fontFamily; ctx.textBaseline = 'top';
  const draw = ch => { ctx.clearRect(0, 0, 56, 56); ctx.fillText(ch, 6, 6);
    const a = ctx.getImageData(0, 0, 56, 56).data; let s = '';
    for (let i = 3; i < a.length; i += 4) s += a[i] > 127 ? '1' : '0'; return s; };
  const box = draw('\u0378'), empty = draw('');
  return {chars: chars.length, font: ctx.font, tofu: chars.filter(ch => { const d = draw(ch); return d === box || d === empty; })};
}"""


def test_the_glossarys_chinese_terms_render_as_glyphs(page, chinese_lab):
    page.goto(f"{chinese_lab}/lab?reset&token={TOKEN}")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand('docmanager:open')",
                           timeout=90_000)
    page.evaluate("window.jupyterapp.commands.execute('docmanager:open', "
                  "{path: 'docs/glossary.md', factory: 'Markdown Preview'})")
    page.wait_for_selector(".jp-RenderedMarkdown td", timeout=60_000)
    result = page.evaluate(TOFU)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "glossary-chinese.png"))
    assert result["chars"] >= 50, f"the glossary's tables should hold many Chinese characters: {result}"
    assert result["tofu"] == [], (f"{len(result['tofu'])} of {result['chars']} Chinese characters show as boxes in "
                                  f"{result['font']!r}: is a CJK font installed (fonts-noto-cjk)? {result['tofu'][:20]}")
