"""The content audits (readability, soft-404, media-relevance) on hand-built pages saved as HTML files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import journey, run, task, visit
from uxaudit.artifacts import PageVisit
from uxaudit.audits import AUDITS_BY_ID
from uxaudit.audits.base import AuditInput, Finding
from uxaudit.audits.media_relevance import meaningful_words, stem
from uxaudit.audits.page_text import parse, read_blocks
from uxaudit.audits.readability import score_for
from uxaudit.audits.soft_404 import says_not_found
from uxaudit.audits.thresholds import Thresholds

EASY = ("We sell shoes for the trail. They grip well on wet rock. You can try them at home for a month. "
        "If they do not fit, send them back to us. We pay for the post. Our team tests each pair on real hills. "
        "We walk in rain, mud and snow. Then we tell you what we found. You get the facts, not a sales pitch. "
        "Pick the size you wear in town. Most people need no change. If you are between sizes, go up one. "
        "Ask us if you are not sure. We answer every message within a day.")
MIDDLING = ("Our waterproof jackets use a breathable membrane that stops condensation from building up inside "
            "during hard climbs. The adjustable hood fits over a climbing helmet, and the reinforced shoulders "
            "resist wear from heavy backpack straps. Before buying, please check the measurement table, because "
            "body proportions vary between different manufacturers. Jackets returned unworn within thirty days "
            "receive a complete refund, although personalised items are excluded. Care instructions are printed "
            "on the inside label, and following them carefully preserves the water repellency of the fabric. "
            "We test every jacket in real storms before it goes on sale. Our staff will gladly help you choose.")
JARGON = ("Pursuant to the provisions hereinafter enumerated, merchandise remitted for reimbursement shall, "
          "notwithstanding any antecedent representations, be subject to the satisfaction of all applicable "
          "eligibility preconditions. Such preconditions include the retention of original packaging and the "
          "non-utilisation of the merchandise beyond that which is reasonably necessary to ascertain conformity. "
          "A duly completed authorisation request shall be submitted within the stipulated remittance window. "
          "Reimbursement, where determined by the vendor in its sole discretion to be appropriate following a "
          "comprehensive conformity assessment, shall be effected via the originating remittance instrument. "
          "Ancillary consignment charges shall remain irrecoverable save where the non-conformity is "
          "attributable to the vendor or its contractually designated logistics intermediaries.")


def html(main: str, title: str = "Shop", lang: str = "en", body: str = "", head: str = "") -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    return (f"<!doctype html><html{lang_attr}><head><title>{title}</title>{head}</head><body>"
            f"<header><nav><a href='/'>Home</a></nav></header>{body}<main>{main}</main>"
            "<footer><p>© Trailhead</p></footer></body></html>")


class Site:
    """Pages saved as HTML files in a run folder, and the audits run over them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.saved = 0

    def page(self, markup: str, path: str = "/page", **changes: object) -> PageVisit:
        self.saved += 1
        name = f"page-{self.saved}.html"
        (self.folder / name).write_text(markup, encoding="utf-8")
        return visit(path, html_file=name, **changes)

    def findings(self, audit_id: str, *visits: PageVisit) -> list[Finding]:
        artifacts = run(journey(task(pages=visits)))
        return AUDITS_BY_ID[audit_id].check(AuditInput(artifacts, run_dir=self.folder))


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)


# --- readability ------------------------------------------------------------------------------------

def test_readability_reports_legalese_as_an_error_quoting_the_hardest_sentences(site: Site) -> None:
    (finding,) = site.findings("readability", site.page(html(f"<h1>Returns</h1><p>{JARGON}</p>"), title="Returns"))
    assert finding.severity == "error" and finding.score <= 0.5 and isinstance(finding.value, float)
    assert finding.value >= 13 and finding.title.startswith("“Returns” is hard to read (")
    assert "university level, school grade" in finding.title
    measures = [row["measure"] for row in finding.evidence]
    assert measures[:5] == ["School grade needed (Flesch–Kincaid)",
                            "Reading ease (Flesch: 60 and up is plain English, under 30 very hard)",
                            "Words", "Sentences", "Average words per sentence"]
    quotes = [row["value"] for row in finding.evidence[5:]]
    assert len(quotes) == 3 and all(q.startswith("“") and q.endswith("”") for q in quotes)
    assert any("Reimbursement, where determined" in q for q in quotes)


def test_readability_warns_between_the_warning_and_error_grades(site: Site) -> None:
    (finding,) = site.findings("readability", site.page(html(f"<p>{MIDDLING}</p>")))
    assert finding.severity == "warning" and 0.5 < finding.score < 0.9
    assert 9 < float(finding.value or 0) < 13


def test_readability_passes_plain_text(site: Site) -> None:
    assert site.findings("readability", site.page(html(f"<h1>Trail shoes</h1><p>{EASY}</p>"))) == []


def test_readability_reads_only_what_a_visitor_reads_in_the_main_content(site: Site) -> None:
    hidden = (f"<div hidden><p>{JARGON}</p></div><div aria-hidden='true'><p>{JARGON}</p></div>"
              f"<div style='color: red; display: none'><p>{JARGON}</p></div><aside><p>{JARGON}</p></aside>"
              f"<script>var s = '{JARGON}';</script><template><p>{JARGON}</p></template>"
              f"<select><option>{JARGON}</option></select><pre>{JARGON}</pre>")
    markup = html(f"<p>{EASY}</p>{hidden}", body=f"<div class='promo'><p>{JARGON}</p></div>")
    assert site.findings("readability", site.page(markup)) == []


def test_readability_uses_the_body_when_there_is_no_main(site: Site) -> None:
    markup = f"<html lang='en'><body><nav><p>{EASY}</p></nav><div><p>{JARGON}</p></div></body></html>"
    (finding,) = site.findings("readability", site.page(markup))
    assert finding.severity == "error"


def test_readability_keeps_form_help_text_and_splits_blocks() -> None:
    form = ("<form><label for='d'>Delivery</label><select id='d'><option>Standard</option><option>Express</option>"
            "</select><p class='hint'>Standard is free and takes 3 to 5 days</p><ul><li>Free returns</li>"
            "<li>Fast delivery</li></ul><button>Place order</button></form>")
    assert read_blocks(parse(html(form))) == ["Delivery", "Standard is free and takes 3 to 5 days", "Free returns",
                                              "Fast delivery", "Place order"]


def test_read_blocks_reads_a_huge_page_in_one_pass() -> None:
    # 20,000 sibling paragraphs took 35 s when blocks were marked by editing the tree; now well under 1 s
    # (benchmarks/bench_page_text.py). Hidden, unread and ruby annotations stay out, as get_text() does.
    paragraphs = "".join(f"<p>Line {n}</p>" for n in range(20_000))
    markup = f"<p hidden>no</p><nav>no</nav>{paragraphs}<p>a<br>b <ruby>漢<rt>kan</rt></ruby><!-- no --></p>"
    blocks = read_blocks(parse(html(markup)))
    assert len(blocks) == 20_002 and blocks[:2] == ["Line 0", "Line 1"] and blocks[-2:] == ["a", "b 漢"]


@pytest.mark.parametrize("main", [
    f"<p>{JARGON[:400]}</p>",  # under 100 words
    "<ul>" + "".join(f"<li>Pursuant notwithstanding remittance consignment {i}</li>" for i in range(3)) + "</ul>",
    "<p>" + " ".join(["Notwithstanding the aforementioned consignment, remittance shall apply"] * 15) + "</p>",
])
def test_readability_does_not_judge_too_little_prose(site: Site, main: str) -> None:
    assert site.findings("readability", site.page(html(main))) == []


@pytest.mark.parametrize(("lang", "judged"), [("fr", False), ("de-CH", False), ("en-GB", True), ("", True)])
def test_readability_scores_english_only(site: Site, lang: str, judged: bool) -> None:
    found = site.findings("readability", site.page(html(f"<p>{JARGON}</p>", lang=lang)))
    assert bool(found) is judged


def test_readability_reports_a_page_once_per_task(site: Site) -> None:
    page = site.page(html(f"<p>{JARGON}</p>"))
    again = site.page(html(f"<p>{JARGON}</p>"), index=2, step=3)
    assert len(site.findings("readability", page, again)) == 1
    artifacts = run(journey(task("one", pages=(page,)), task("two", pages=(page,))))
    assert len(AUDITS_BY_ID["readability"].check(AuditInput(artifacts, run_dir=site.folder))) == 2


def test_readability_score_falls_from_the_warning_grade_to_the_error_grade() -> None:
    limits = Thresholds()
    assert score_for(9.0, limits) == 1.0
    assert score_for(9.1, limits) == pytest.approx(0.89)
    assert score_for(11.0, limits) == pytest.approx(0.7)
    assert score_for(13.0, limits) == pytest.approx(0.5)
    assert score_for(17.0, limits) == pytest.approx(0.3) == score_for(40.0, limits)


# --- soft-404 ---------------------------------------------------------------------------------------

def test_soft_404_reports_a_200_page_that_says_not_found(site: Site) -> None:
    page = site.page(html("<h1>Page not found</h1><p>Sorry.</p>", title="Page not found – Shop"),
                     "/gift-cards", title="Page not found – Shop")
    (finding,) = site.findings("soft-404", page)
    assert finding.severity == "error" and finding.score == 0 and finding.value == 200
    assert finding.evidence[0] == {"url": "http://shop.test/gift-cards", "status": 200,
                                   "page title": "Page not found – Shop", "main heading": "Page not found"}
    assert finding.title == "“/gift-cards” says “Page not found” but answered 200"


def test_soft_404_reads_the_heading_when_the_title_is_fine(site: Site) -> None:
    page = site.page(html("<h1>Sorry, we couldn’t find that product</h1>", title="Rain Jacket"), title="Rain Jacket")
    assert [f.evidence[0]["main heading"] for f in site.findings("soft-404", page)] == [
        "Sorry, we couldn’t find that product"]


def test_soft_404_needs_only_the_title(site: Site) -> None:
    assert len(site.findings("soft-404", visit("/old", title="404 | Shop"))) == 1


def test_soft_404_leaves_real_error_answers_to_http_error(site: Site) -> None:
    page = site.page(html("<h1>Page not found</h1>"), "/gone", status=404, title="Page not found")
    assert site.findings("soft-404", page) == []
    assert len(site.findings("http-error", page)) == 1


@pytest.mark.parametrize("unseen", ["<div hidden><h1>Page not found</h1></div>",
                                    "<template><h1>Page not found</h1></template>"])
def test_soft_404_ignores_a_heading_nobody_sees(site: Site, unseen: str) -> None:
    page = site.page(html(f"{unseen}<h1>Gift cards</h1>"), title="Gift cards")
    assert site.findings("soft-404", page) == []


def test_soft_404_reads_the_main_heading_before_a_logo_heading(site: Site) -> None:
    markup = html("<h1>Page not found</h1>", title="Trailhead").replace("<header>", "<header><h1>Trailhead</h1>")
    (finding,) = site.findings("soft-404", site.page(markup, title="Trailhead"))
    assert finding.evidence[0]["main heading"] == "Page not found"


@pytest.mark.parametrize("text", ["Page not found", "404", "Error 404 – Trailhead", "404 error",
                                  "This page doesn't exist", "Product no longer available", "We can't find that page",
                                  "NOT FOUND"])
def test_soft_404_phrases(text: str) -> None:
    assert says_not_found(text)


@pytest.mark.parametrize("text", ["Gift cards", "Search results", "No results found for “boots”",
                                  "Model 404 headphones", "Found: the best trail shoes", "Room 404 escape game",
                                  "Lost and found", ""])
def test_soft_404_is_conservative(text: str) -> None:
    assert not says_not_found(text)


# --- media-relevance --------------------------------------------------------------------------------

PRODUCT = "<h1>Trail Running Shoes</h1><p>Light, grippy shoes.</p>"


def video(title: str, poster: str = "/media/poster/trail-running-shoes.svg", src: str = "/v.mp4") -> str:
    return (f"<figure><video controls width='640' height='360' title='{title}' poster='{poster}'>"
            f"<source src='{src}' type='video/mp4'><track kind='captions' src='/c.vtt' label='English'>"
            f"</video><figcaption>{title}</figcaption></figure>")


def product_page(site: Site, media: str) -> PageVisit:
    title = "Trail Running Shoes – Trailhead Outfitters"
    return site.page(html(PRODUCT + media, title=title), "/products/trail-running-shoes", title=title)


def test_media_relevance_flags_an_unrelated_video_with_both_sides(site: Site) -> None:
    (finding,) = site.findings("media-relevance", product_page(site, video("Office summer party 2024 bloopers")))
    assert finding.severity == "warning" and finding.score == 0.6
    assert finding.title == "The video on “Trail Running Shoes – Trailhead Outfitters” seems unrelated to the page"
    assert finding.evidence[0] == {"media": "video", "says it shows": "Office summer party 2024 bloopers",
                                   "page is about": "Trail Running Shoes – Trailhead Outfitters · Trail Running Shoes"}


def test_media_relevance_accepts_a_video_about_the_product(site: Site) -> None:
    page = product_page(site, video("How to lace Trail Running Shoes for steep descents"))
    assert site.findings("media-relevance", page) == []


@pytest.mark.parametrize(("poster", "src", "found"), [
    ("/p/office-party.svg", "/v/office-party-bloopers-2024.mp4", True),
    ("/p/trail-running-shoes.svg", "/v/office-party-bloopers-2024.mp4", False),
    ("/p/IMG_20240512.svg", "/v/DSC01234.mp4", False),  # codes, not words: too little to judge
])
def test_media_relevance_falls_back_on_file_names(site: Site, poster: str, src: str, found: bool) -> None:
    media = (f"<video width='640' poster='{poster}'><source src='{src}'>"
             "<track kind='captions' src='/c.vtt' label='English'></video>")
    assert bool(site.findings("media-relevance", product_page(site, media))) is found


@pytest.mark.parametrize(("media", "found"), [
    ("<img src='/x.jpg' alt='Office summer party bloopers' width='600' height='400'>", True),
    ("<figure><img src='/x.jpg' alt='Office summer party bloopers'></figure>", True),
    ("<iframe src='https://video.test/embed/abc' title='Office summer party bloopers'></iframe>", True),
    ("<img src='/x.jpg' alt='' width='600' height='400'>", False),  # decorative
    ("<img src='/x.jpg' alt='Office summer party bloopers' width='32' height='32'>", False),  # an icon
    ("<img src='/x.jpg' alt='Office summer party bloopers' width='600' hidden>", False),
    ("<iframe src='/t' title='Office summer party bloopers' width='0' height='0'></iframe>", False),
    ("<iframe src='/t' title='Office summer party bloopers' style='display:none'></iframe>", False),
    ("<video title='Bloopers' width='640'></video>", False),  # one word cannot show it is unrelated
])
def test_media_relevance_judges_prominent_shown_media_only(site: Site, media: str, found: bool) -> None:
    assert bool(site.findings("media-relevance", product_page(site, media))) is found


def test_media_relevance_ignores_the_site_header_and_pictures_outside_the_content(site: Site) -> None:
    body = "<div><img src='/team.jpg' alt='Office summer party bloopers'></div>"
    markup = html(PRODUCT, title="Trail Running Shoes", body=body).replace(
        "<nav>", "<nav><img src='/l.png' alt='Office summer party bloopers' width='300'>")
    assert site.findings("media-relevance", site.page(markup, title="Trail Running Shoes")) == []


def test_media_relevance_needs_enough_words_about_the_page(site: Site) -> None:
    page = site.page(html("<h1>Welcome</h1>" + video("Office summer party bloopers"), title="Home"), title="Home")
    assert site.findings("media-relevance", page) == []


def test_media_relevance_reads_track_labels_that_say_more_than_a_language(site: Site) -> None:
    media = ("<video width='640' poster='/p/trail-running-shoes.svg'>"
             "<track kind='captions' src='/c.vtt' label='Office summer party bloopers'></video>")
    (finding,) = site.findings("media-relevance", product_page(site, media))
    assert finding.evidence[0]["says it shows"] == "Office summer party bloopers"


def test_media_relevance_uses_the_text_that_labels_the_media(site: Site) -> None:
    media = ("<p id='v'>Office summer party bloopers</p>"
             "<video aria-labelledby='v' width='640' poster='/p/trail-running-shoes.svg'></video>")
    assert len(site.findings("media-relevance", product_page(site, media))) == 1


def test_words_are_compared_by_light_stems() -> None:
    assert stem("running") == "run" and stem("shoes") == stem("shoe")
    assert stem("packing") == stem("packed") == stem("pack") and stem("parties") == stem("party")
    assert meaningful_words("The 2024 video of DSC01234 and our running shoes") == {"run", "sho"}
