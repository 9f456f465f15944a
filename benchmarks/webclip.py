"""A web-clipped corpus built from BBC articles: each wrapped in the page of an invented site.

Clipping a page to text keeps the page around the article: navigation, breadcrumbs,
share bars, newsletter boxes, "Related stories" and "Most read" lists, cookie notices,
comment counts, adverts, footers. Each invented site below has its own furniture,
with per-page variation (elements present or not, A/B wordings, counts, dates,
headlines drawn from other articles), and its articles go in a folder of their own,
some as Markdown with front matter.

The ground truth is kept beside each file (:class:`Clip`): the article's title and
paragraphs, and the furniture lines shown to a reader (link targets and Markdown
marks left out). Bylines and dates are not counted as furniture: they are metadata.

``HOLDOUT_SITES`` were written after the cleaning rules were final, to check that
the rules generalise to furniture they were never run on.

    from webclip import build, TRAIN_SITES
    clips = build(bbc_root, out_dir, TRAIN_SITES, per_site=100)
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FIRST = ["Anna", "James", "Priya", "Tom", "Sarah", "David", "Helen", "Marcus", "Rachel",
         "Owen", "Fatima", "Peter", "Claire", "Simon"]  # fmt: skip
LAST = ["Hughes", "Patel", "Okafor", "Lindqvist", "Marsh", "Doyle", "Carver", "Kendrick",
        "Whitfield", "Brennan", "Ashworth", "Nakamura", "Fenwick", "Rowe"]  # fmt: skip


@dataclass
class Article:
    path: Path
    section: str
    title: str
    paragraphs: list[str]


@dataclass
class Clip:
    """One generated file and what a perfect cleaner would make of it."""

    rel: str
    site: str
    title: str
    paragraphs: list[str]
    furniture: list[str] = field(default_factory=list)  # lines a reader should not see


@dataclass
class Page:
    """A page being assembled: lines of text, with the furniture ones remembered."""

    lines: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)

    def text(self, line: str = "") -> None:
        self.lines.append(line)

    def furn(self, line: str, shown: str | None = None) -> None:
        """A furniture line; ``shown`` is what a reader sees of it (Markdown stripped)."""
        self.lines.append(line)
        self.furniture.append(shown if shown is not None else line)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def done(self, suffix: str) -> Rendered:
        return "\n".join(self.lines) + "\n", suffix, self.furniture


Rendered = tuple[str, str, list[str]]  # file text, file suffix, furniture lines shown


def load_bbc(root: Path) -> list[Article]:
    articles = []
    for path in sorted(root.glob("*/*.txt")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", "replace")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) < 2:
            continue
        articles.append(Article(path, path.parent.name, lines[0], lines[1:]))
    return articles


def date_words(rng: random.Random) -> tuple[str, str, int, int, int]:
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    weekday = DAYS[rng.randrange(7)]
    return weekday, MONTHS[month - 1], day, month, 2005


def reporter(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def headlines(rng: random.Random, pool: list[Article], n: int) -> list[str]:
    return [a.title for a in rng.sample(pool, n)]


# -- the training sites: the cleaner was developed and checked against these ------------


def daily_ledger(art: Article, rng: random.Random, ctx: SiteContext) -> Rendered:
    """Plain text clip of a broadsheet: nav bar, breadcrumb, byline with date, share bar,
    adverts, a newsletter box, related and most-read lists, cookie notice, footer."""
    p = Page()
    p.furn("THE DAILY LEDGER")
    nav = ["Home", "News", "Business", "Sport", "Culture", "Opinion", "Travel"]
    if rng.random() < 0.3:
        nav.append("Log in")
    p.furn(" | ".join(nav))
    p.blank()
    if rng.random() < 0.8:
        p.furn(f"Home > {art.section.capitalize()}")
        p.blank()
    p.text(art.title)
    p.blank()
    weekday, month, day, _, year = date_words(rng)  # noqa: RUF059
    p.text(f"By {reporter(rng)}")
    p.text(f"{day} {month} {year}")
    p.blank()
    if rng.random() < 0.85:
        p.furn(rng.choice(["Share this article", "Share this article:"]))
        p.furn("Facebook  Twitter  LinkedIn  Email")
        p.blank()
    for number, para in enumerate(art.paragraphs, 1):
        p.text(para)
        p.blank()
        if number == 3 and rng.random() < 0.6:
            p.furn("Advertisement")
            p.blank()
        if number == 6 and rng.random() < 0.7:
            p.furn(
                rng.choice(
                    [
                        "Get the Ledger Briefing, our free morning newsletter, in your inbox.",
                        "Start your day with the Ledger Briefing: the news you need, free.",
                    ]
                )
            )
            p.furn("Enter your email address  Sign up")
            p.blank()
    if rng.random() < 0.9:
        p.furn("Related stories")
        for title in headlines(rng, ctx.same_section(art), 4):
            p.furn(title)
        p.blank()
    if rng.random() < 0.75:
        p.furn("Most read")
        for title in rng.sample(ctx.most_read, 5):
            p.furn(title)
        p.blank()
    if rng.random() < 0.5:
        p.furn(
            "We use cookies to give you the best experience on our website. By continuing "
            "to browse you agree to our use of cookies. Accept  Manage settings"
        )
        p.blank()
    p.furn(f"© {year} The Daily Ledger. All rights reserved.")
    p.furn("About us | Contact | Privacy policy | Terms and conditions")
    return p.done(".txt")


def metro_wire(art: Article, rng: random.Random, ctx: SiteContext) -> Rendered:
    """Markdown clip with front matter: linked breadcrumbs, a reading-time line, a share
    line of links, a newsletter quote box, a Markdown list of related links, a rule
    and a one-line footer."""
    p = Page()
    weekday, month, day, month_no, year = date_words(rng)  # noqa: RUF059
    author = reporter(rng)
    has_front = rng.random() < 0.7
    if has_front:
        p.text("---")
        p.text(f'title: "{art.title.replace(chr(34), chr(39))}"')
        p.text(f"date: {year}-{month_no:02d}-{day:02d}")
        p.text(f"author: {author}")
        p.text("source: Metro Wire")
        p.text("---")
        p.blank()
    p.furn(
        f"[Metro Wire](https://metrowire.example/) › [{art.section.capitalize()}]"
        f"(https://metrowire.example/{art.section}/)",
        f"Metro Wire › {art.section.capitalize()}",
    )
    p.blank()
    p.text(f"# {art.title}")
    p.blank()
    minutes = max(1, sum(len(x.split()) for x in art.paragraphs) // 230)
    if not has_front:
        p.text(f"By {author}")
        p.blank()
    p.furn(f"*{minutes} min read*", f"{minutes} min read")
    p.blank()
    if rng.random() < 0.8:
        p.furn(
            "**Share:** [Twitter](https://twitter.com/share) · [Facebook]"
            "(https://facebook.com/share) · [Email](mailto:)",
            "Share: Twitter · Facebook · Email",
        )
        p.blank()
    for number, para in enumerate(art.paragraphs, 1):
        p.text(para)
        p.blank()
        if number == 4 and rng.random() < 0.6:
            box = rng.choice(
                [
                    "> **The Wire, daily.** The day's essential stories, every evening at six.",
                    "> **The Wire, daily.** Five stories worth your time, every evening.",
                ]
            )
            p.furn(box, box.lstrip("> ").replace("**", ""))
            p.furn(
                "> [Subscribe for free](https://metrowire.example/newsletter)", "Subscribe for free"
            )
            p.blank()
    if rng.random() < 0.85:
        p.furn("## More from Metro Wire", "More from Metro Wire")
        p.blank()
        for title in headlines(rng, ctx.same_section(art), 3):
            p.furn(
                f"- [{title}](https://metrowire.example/{art.section}/{rng.randint(1000, 9999)})",
                title,
            )
        p.blank()
    p.text("---")
    p.blank()
    p.furn(
        f"Metro Wire © {year} · [Privacy](https://metrowire.example/privacy) · "
        "[Cookies](https://metrowire.example/cookies)",
        f"Metro Wire © {year} · Privacy · Cookies",
    )
    return p.done(".md")


def northern_courier(art: Article, rng: random.Random, ctx: SiteContext) -> Rendered:
    """Plain text of a regional paper: title first, an updated-at line, a comment count,
    upper-case adverts, "click here" prompts, a follow line and a copyright footer."""
    p = Page()
    p.text(art.title)
    p.blank()
    weekday, month, day, _, year = date_words(rng)
    hour, minute = rng.randint(6, 22), rng.randint(0, 59)
    p.text(f"Updated {hour:02d}:{minute:02d} GMT, {weekday} {day} {month} {year}")
    if rng.random() < 0.7:
        p.furn(f"{rng.randint(2, 480)} comments")
    p.blank()
    for number, para in enumerate(art.paragraphs, 1):
        p.text(para)
        p.blank()
        if number in (2, 7) and rng.random() < 0.5:
            p.furn("ADVERTISEMENT")
            p.blank()
        if number == 5 and rng.random() < 0.4:
            p.furn(f"Click here for more {art.section} news from the Northern Courier")
            p.blank()
    if rng.random() < 0.8:
        p.furn("Have your say on this story - comments are moderated.")
        p.blank()
    if rng.random() < 0.8:
        p.furn("Follow the Northern Courier on Twitter and Facebook for the latest updates.")
        p.blank()
    p.furn(
        f"Copyright {year} Northern Courier Media Group. "
        "Reproduction without permission prohibited."
    )
    p.furn("Back to top")
    return p.done(".txt")


def pixel_and_post(art: Article, rng: random.Random, ctx: SiteContext) -> Rendered:
    """Markdown of a blog: a menu as a bullet list, a posted-by line, tags, a "Read
    next" list, a comment prompt and a powered-by line; some posts with front matter."""
    p = Page()
    weekday, month, day, month_no, year = date_words(rng)  # noqa: RUF059
    if rng.random() < 0.4:
        p.text("---")
        p.text(f"date: {year}-{month_no:02d}-{day:02d}")
        p.text("layout: post")
        p.text("---")
        p.blank()
    for item in ["Home", "Reviews", "News", "Podcast", "About"]:
        p.furn(f"- [{item}](/{item.lower()})", item)
    p.blank()
    p.text(f"## {art.title}")
    p.blank()
    p.text(f"By {reporter(rng)}, {day} {month} {year}")
    p.blank()
    for para in art.paragraphs:
        p.text(para)
        p.blank()
    tags = rng.sample(
        ["politics", "economy", "tech", "music", "film", "football", "uk", "europe"], 3
    )
    p.furn("Tags: " + ", ".join(f"[{t}](/tag/{t})" for t in tags), "Tags: " + ", ".join(tags))
    p.blank()
    if rng.random() < 0.8:
        p.furn("### Read next", "Read next")
        p.blank()
        for title in headlines(rng, ctx.same_section(art), 3):
            p.furn(f"* [{title}](/post/{rng.randint(100, 999)})", title)
        p.blank()
    comments = rng.randint(0, 60)
    p.furn(f"**{comments} Comments**", f"{comments} Comments")
    p.furn("Leave a comment", "Leave a comment")
    p.blank()
    p.furn(
        "Powered by WordPress | Theme by Pixel & Post",
        "Powered by WordPress | Theme by Pixel & Post",
    )
    return p.done(".md")


def city_gazette(art: Article, rng: random.Random, ctx: SiteContext) -> Rendered:
    """Plain text of a tabloid site: skip link and menu words each on its own line,
    a "listen" prompt, image credits, "Most popular" from a shared pool, topics, and
    a multi-line footer."""
    p = Page()
    p.furn("Skip to main content")
    p.furn("Menu")
    p.furn("Search")
    if rng.random() < 0.6:
        p.furn("Subscribe from £1 a week")
    p.blank()
    p.text(art.title)
    p.blank()
    weekday, month, day, _, year = date_words(rng)
    p.text(f"{weekday} {day} {month} {year}")
    p.blank()
    if rng.random() < 0.6:
        p.furn("Listen to this article")
        p.blank()
    if rng.random() < 0.5:
        p.furn(f"Image: {rng.choice(['Getty Images', 'PA', 'Reuters', 'AFP'])}")
        p.blank()
    for number, para in enumerate(art.paragraphs, 1):
        p.text(para)
        p.blank()
        if number % 4 == 0 and rng.random() < 0.5:
            p.furn("Advertisement")
            p.blank()
    p.furn("Topics: " + art.section.capitalize())
    p.blank()
    if rng.random() < 0.85:
        p.furn("Most popular")
        for number, title in enumerate(rng.sample(ctx.most_read, 4), 1):
            p.furn(f"{number}. {title}", f"{number}. {title}")
        p.blank()
    p.furn("City Gazette, 1 Fleet Street, London")
    p.furn("Contact us  Advertise with us  Careers  Privacy notice")
    p.furn(f"© City Gazette Ltd {year}")
    return p.done(".txt")


# -- held-out sites: written after the rules were final, never tuned against ---------


def harbour_times(art: Article, rng: random.Random, ctx: SiteContext) -> Rendered:
    """Markdown of a port-city daily: a top strip with weather, a bold kicker, an
    "In this story" box, pull-quote adverts, sponsored links and a two-line footer."""
    p = Page()
    weekday, month, day, month_no, year = date_words(rng)  # noqa: RUF059
    p.furn(f"{weekday} {day} {month} {year} · Harbour City {rng.randint(2, 19)}°C", None)
    p.furn("[E-edition](/e-edition) · [Puzzles](/puzzles) · [Jobs](/jobs) · [Sign in](/signin)",
           "E-edition · Puzzles · Jobs · Sign in")  # fmt: skip
    p.blank()
    p.furn(f"**{art.section.upper()}**", art.section.upper())
    p.blank()
    p.text(f"# {art.title}")
    p.blank()
    p.text(f"*By {reporter(rng)}*")
    p.blank()
    if rng.random() < 0.7:
        p.furn("**In this story:** [Business](/topic/business) [Economy](/topic/economy)",
               "In this story: Business Economy")  # fmt: skip
        p.blank()
    for number, para in enumerate(art.paragraphs, 1):
        p.text(para)
        p.blank()
        if number == 3 and rng.random() < 0.7:
            p.furn("*Story continues below advertisement*", "Story continues below advertisement")
            p.blank()
    if rng.random() < 0.8:
        p.furn("#### Sponsored content", "Sponsored content")
        p.blank()
        for title in rng.sample(ctx.sponsored, 3):
            p.furn(f"- [{title}](https://ads.example/{rng.randint(1, 99)})", title)
        p.blank()
    p.furn("Harbour Times is part of Coastline Media. Registered in England No. 01234567.")
    p.furn(f"© Coastline Media {year} | [Terms](/terms) | [Privacy](/privacy)",
           f"© Coastline Media {year} | Terms | Privacy")  # fmt: skip
    return p.done(".md")


def ridgeway_report(art: Article, rng: random.Random, ctx: SiteContext) -> Rendered:
    """Plain text of a newsletter-style site: a paywall notice, "Print / Email / Save"
    tools, a donation appeal, "You might also like" and a legal footer."""
    p = Page()
    p.furn("The Ridgeway Report — independent journalism for the south")
    p.blank()
    p.text(art.title)
    p.blank()
    if rng.random() < 0.6:
        p.furn(
            f"You have {rng.randint(1, 5)} free articles left this month. "
            "Subscribe for full access."
        )
        p.blank()
    p.furn("Print  Email  Save")
    p.blank()
    for para in art.paragraphs:
        p.text(para)
        p.blank()
    if rng.random() < 0.75:
        p.furn(
            "Our journalism is funded by readers like you. If you value this reporting, "
            "please support the Ridgeway Report with a contribution today."
        )
        p.blank()
    if rng.random() < 0.8:
        p.furn("You might also like")
        for title in headlines(rng, ctx.same_section(art), 3):
            p.furn(title)
        p.blank()
    p.furn("Ridgeway Report Ltd is regulated by IPSO. Contact: editor@ridgeway.example")
    return p.done(".txt")


def valley_echo(art: Article, rng: random.Random, ctx: SiteContext) -> Rendered:
    """Markdown of a local news site, written after the rules were final: a linked
    logo, a bold live-updates banner on some pages, author box at the end, "Trending"
    as bold text over a numbered list, a poll prompt and a newsletter form in a table."""
    p = Page()
    weekday, month, day, month_no, year = date_words(rng)  # noqa: RUF059
    p.furn("[![Valley Echo](/logo.png)](/)", "Valley Echo")
    p.blank()
    if rng.random() < 0.3:
        p.furn("**LIVE:** Follow our rolling coverage of the council elections",
               "LIVE: Follow our rolling coverage of the council elections")  # fmt: skip
        p.blank()
    p.text(f"# {art.title}")
    p.blank()
    p.text(f"{day} {month} {year}")
    p.blank()
    for number, para in enumerate(art.paragraphs, 1):
        p.text(para)
        p.blank()
        if number == 2 and rng.random() < 0.5:
            p.furn(
                "*Do you agree? Vote in our poll below.*", "Do you agree? Vote in our poll below."
            )
            p.blank()
    if rng.random() < 0.8:
        author = reporter(rng)
        p.furn(f"**About the author:** {author} covers {art.section} for the Valley Echo.",
               f"About the author: {author} covers {art.section} for the Valley Echo.")  # fmt: skip
        p.blank()
    if rng.random() < 0.85:
        p.furn("**Trending**", "Trending")
        p.blank()
        for number, title in enumerate(rng.sample(ctx.most_read, 3), 1):
            p.furn(f"{number}. [{title}](/trending/{number})", f"{number}. {title}")
        p.blank()
    p.furn(
        "| Get the Echo in your inbox | [Sign up](/newsletter) |",
        "Get the Echo in your inbox | Sign up",
    )
    p.furn("|---|---|", None)
    p.blank()
    p.furn("Valley Echo, Unit 4, Mill Lane. Tel 01632 960000")
    return p.done(".md")


Site = Callable[[Article, random.Random, "SiteContext"], Rendered]
TRAIN_SITES: dict[str, Site] = {
    "daily-ledger": daily_ledger,
    "metro-wire": metro_wire,
    "northern-courier": northern_courier,
    "pixel-and-post": pixel_and_post,
    "city-gazette": city_gazette,
}
HOLDOUT_SITES: dict[str, Site] = {
    "harbour-times": harbour_times,
    "ridgeway-report": ridgeway_report,
    "valley-echo": valley_echo,
}


class SiteContext:
    """What a site's pages share: this week's most-read list, sponsored links."""

    def __init__(self, articles: list[Article], rng: random.Random) -> None:
        self.articles = articles
        self.by_section: dict[str, list[Article]] = {}
        for article in articles:
            self.by_section.setdefault(article.section, []).append(article)
        self.most_read = [a.title for a in rng.sample(articles, 8)]
        self.sponsored = [
            "This one trick cuts your energy bill",
            "Retire early? See how much you need",
            "The garden gadget everyone is talking about",
            "Compare car insurance in two minutes",
            "Why locals are switching broadband",
        ]

    def same_section(self, article: Article) -> list[Article]:
        return [a for a in self.by_section[article.section] if a is not article]


def build(
    bbc_root: Path,
    out: Path,
    sites: dict[str, Site],
    *,
    per_site: int = 100,
    seed: int = 2005,
) -> list[Clip]:
    """Write ``per_site`` clipped articles for each site under ``out/<site>/``."""
    articles = load_bbc(bbc_root)
    clips: list[Clip] = []
    for index, (name, render) in enumerate(sorted(sites.items())):
        rng = random.Random(seed * 100 + index)
        context = SiteContext(articles, rng)
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for number, article in enumerate(rng.sample(articles, per_site)):
            page_rng = random.Random(rng.random())
            text, suffix, furniture = render(article, page_rng, context)
            rel = f"{name}/{number:03d}{suffix}"
            (out / rel).write_text(text, encoding="utf-8")
            clips.append(Clip(rel, name, article.title, article.paragraphs, furniture))
    return clips
