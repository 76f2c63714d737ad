//! A saved news page: dom_smoothie (a port of Mozilla's Readability, the algorithm behind
//! Firefox's reader view) finds the article's main content, dropping menus, scripts,
//! cookie banners and ads; a walk over that content then gives headings, paragraphs and
//! figure captions, leaving out what the page carries around the article (photo credits,
//! "Read more" and related-story teasers, share and subscribe lines: `boilerplate.rs`).
//! The page's metadata (authors, outlet, date, address, language) is read from its JSON-LD,
//! meta tags and visible byline (`meta.rs`). Only text is taken out: no markup, script or
//! style reaches the stored document.

mod boilerplate;
mod meta;

use super::{collapse_whitespace, join_blocks, Extracted};
use crate::error::FileProblem;
use crate::model::BlockKind;
use dom_query::{Document, NodeRef};

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "math", "nav", "aside", "form",
    "button", "select", "textarea", "object", "embed", "canvas", "video", "audio", "head",
    "dialog",
];
/// Elements that start a new block.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "body",
];

/// Deeper nesting than this is not a news page; html5ever builds it, but a page that deep
/// is refused rather than walked.
const MAX_DEPTH: usize = 1_000;

/// Readability's threshold for a news brief, tried when no attempt reaches its own.
const BRIEF: usize = 200;

/// Readability's fallback, when the article it finds is this short: the page's own
/// `<article>` (or `[itemprop=articleBody]`, `<main>`) if it holds more than twice the
/// text.
const SHORT_ARTICLE: usize = 500;

/// A headline shorter than this (in characters) does not overrule the page's `<h1>`.
const WEAK_HEADLINE: usize = 15;

/// A block as the walk finds it: its kind, its text, and how much of its text is links.
#[derive(Debug, Clone)]
struct Piece {
    kind: BlockKind,
    text: String,
    /// The share of its text that links to other pages of the same site.
    link_share: f32,
}

pub fn extract(bytes: &[u8]) -> Result<Extracted, FileProblem> {
    let html = super::decode_text(bytes)?;
    // The HTML parser's time grows with the square of the nesting depth: parsing stops at
    // the limit.
    let page = super::depth::parse_bounded(&html, MAX_DEPTH)
        .ok_or(FileProblem::TooDeep { limit: MAX_DEPTH })?;
    let page_title = page.select_single("title").text().trim().to_string();
    let first_h1 = collapse_whitespace(&page.select_single("h1").text());

    let config = dom_smoothie::Config {
        max_elements_to_parse: 50_000,
        // The walk reads classes (captions, credits, share bars); Readability would drop
        // them.
        keep_classes: true,
        // Readability's own threshold (500 characters): a lower one stopped at the first
        // attempt that passed it, which on some pages is a print notice or a footer
        // (medicalnewstoday kept only its footer at 200). Short briefs still come out:
        // when no attempt reaches the threshold, Readability keeps the longest.
        ..Default::default()
    };
    let readability = |config: dom_smoothie::Config| {
        dom_smoothie::Readability::with_document(page.clone(), None, Some(config))
            .ok()
            .and_then(|mut r| r.parse().ok())
    };
    let mut article = readability(config.clone());
    if article
        .as_ref()
        .is_none_or(|a| a.text_content.len() < SHORT_ARTICLE)
    {
        // A brief: no attempt reached the threshold, and the longest may be the whole body
        // (its cookie banner too). The first attempt over a lower threshold is the article.
        if let Some(brief) = readability(dom_smoothie::Config {
            char_threshold: BRIEF,
            ..config
        }) {
            article = Some(brief);
        }
    }
    let page_meta = meta::read(&page, article.as_ref().and_then(|a| a.byline.as_deref()));
    let host = page_meta.metadata.url.as_deref().and_then(host_of);
    let host = host.as_deref();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut readability_title = None;
    if let Some(article) = &article {
        let content = Document::from(article.content.as_ref());
        walk(&content.root(), host, &mut pieces);
        if !article.title.trim().is_empty() {
            readability_title = Some(collapse_whitespace(&article.title));
        }
    }
    let found: usize = text_length(&pieces);
    if found < SHORT_ARTICLE {
        // Readability found little or nothing (a short page, a fragment, or a page whose
        // article it missed): the page's own article element when it holds more, else
        // its body.
        let main = ["[itemprop=\"articleBody\"]", "article", "main"]
            .iter()
            .map(|sel| page.select_single(sel))
            .find(|s| s.exists());
        let mut other = Vec::new();
        match main.as_ref().and_then(|m| m.nodes().first().copied()) {
            Some(node) => walk(&node, host, &mut other),
            None if found == 0 => walk(&page.root(), host, &mut other),
            None => {}
        }
        if text_length(&other) > 2 * found || found == 0 {
            pieces = other;
        }
    }
    let metadata = page_meta.metadata;
    let mut headlines = page_meta.headlines;
    headlines.extend(readability_title);
    // An `<h1>` marked as the headline is the printed headline; one inside the article is
    // when the metadata agrees (a page can hold other articles' teasers).
    let marked_h1 = collapse_whitespace(&page.select_single("h1[itemprop=\"headline\"]").text());
    let article_h1 = ["article h1", "main h1", "[itemprop=\"articleBody\"] h1"]
        .iter()
        .map(|sel| collapse_whitespace(&page.select_single(sel).text()))
        .find(|t| !t.is_empty());
    let title = (!marked_h1.is_empty()).then_some(marked_h1).or_else(|| {
        choose_title(
            &first_h1,
            article_h1.as_deref(),
            &headlines,
            &page_title,
            metadata.site.as_deref(),
        )
    });
    let mut pieces = without_boilerplate(pieces);
    // Readability sometimes keeps the headline as the content's first heading; it is the
    // title, not a block of the article, unless the article is nothing else.
    if let (Some(t), Some(first)) = (&title, pieces.first()) {
        if first.kind == BlockKind::Heading
            && collapse_whitespace(&first.text) == *t
            && pieces.len() > 1
        {
            pieces.remove(0);
        }
    }
    let (text, blocks) = join_blocks(pieces.into_iter().map(|p| (p.kind, p.text)).collect());
    Ok(Extracted {
        title,
        text,
        blocks,
        metadata,
    })
}

fn text_length(pieces: &[Piece]) -> usize {
    pieces
        .iter()
        .filter(|p| p.kind == BlockKind::Paragraph)
        .map(|p| p.text.len())
        .sum()
}

/// The title: the printed headline, that is the `<h1>` inside the article (`article_h1`)
/// or else the page's first `<h1>` when one of the headlines its metadata gives (JSON-LD,
/// OpenGraph, Readability's reading of `<title>`) agrees with it; else the first of those
/// headlines, else the `<h1>` or the `<title>`; without the outlet's name when it is
/// tacked on (`Rivers rise | Daily Paper`).
fn choose_title(
    h1: &str,
    article_h1: Option<&str>,
    headlines: &[String],
    page_title: &str,
    site: Option<&str>,
) -> Option<String> {
    let headlines: Vec<String> = headlines
        .iter()
        .map(|h| strip_site(h, site))
        .filter(|h| !h.is_empty())
        .collect();
    // Readability's rule: headlines under 15 characters (`<title>x</title>`, a site's
    // name) say too little to overrule the page's heading (but may confirm it).
    let strong: Vec<&String> = headlines
        .iter()
        .filter(|h| h.chars().count() >= WEAK_HEADLINE)
        .collect();
    let confirmed =
        |h: &str| !h.is_empty() && (strong.is_empty() || headlines.iter().any(|m| agrees(h, m)));
    let title = if let Some(h) = article_h1.filter(|h| confirmed(h)) {
        Some(h.to_string())
    } else if confirmed(h1) {
        Some(h1.to_string())
    } else if let Some(first) = strong.first() {
        Some(first.to_string())
    } else if !h1.is_empty() {
        Some(h1.to_string())
    } else if let Some(first) = headlines.first() {
        Some(first.clone())
    } else {
        Some(strip_site(&collapse_whitespace(page_title), site))
    };
    title.filter(|t| !t.is_empty())
}

/// Most of the heading's words are the headline's, and most of the headline's the
/// heading's (a site's name in an `<h1>` is in the headline, but not the other way).
fn agrees(h1: &str, headline: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(h1), words(headline));
    let covered = |x: &[String], y: &[String]| {
        !x.is_empty() && x.iter().filter(|w| y.contains(w)).count() * 10 >= x.len() * 6
    };
    // Or a part of the headline between separators, of two words or more, is in the
    // heading (`Rivers rise | Daily Paper` and `Rivers rise across the valley`).
    // Only the first part: the outlet's name comes after it.
    let part_in_heading = [" | ", " - ", " – ", " — ", " :: ", " · "]
        .iter()
        .any(|sep| {
            headline.split(sep).next().is_some_and(|part| {
                let p = words(part);
                p.len() >= 2 && p.len() < b.len() && covered(&p, &a)
            })
        });
    covered(&a, &b) && covered(&b, &a) || part_in_heading
}

/// A title without the outlet's name before or after a separator.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let title = collapse_whitespace(title);
    let Some(site) = site.map(str::to_lowercase).filter(|s| !s.is_empty()) else {
        return title;
    };
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", ": "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.trim().to_lowercase() == site && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if head.trim().to_lowercase() == site && !tail.trim().is_empty() {
                return tail.trim().to_string();
            }
        }
    }
    title
}

/// The article's blocks without the page's furniture: credits, prompts, bylines and
/// datelines (`boilerplate.rs`); sections that a teaser heading opens (`Related stories`,
/// `Comments`), up to the next heading; runs of blocks that are nothing but links to other
/// pages of the site (lists of other articles; a list of links elsewhere is kept: it is
/// what the article cites); a caption that repeats an earlier one.
fn without_boilerplate(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut in_teasers = false;
    let teaser = |p: &Piece| {
        p.kind != BlockKind::Heading
            && p.link_share >= 0.9
            && p.text.split_whitespace().count() <= 20
    };
    for (i, p) in pieces.iter().enumerate() {
        if p.kind == BlockKind::Heading {
            in_teasers = boilerplate::opens_teasers(&p.text);
            if in_teasers || boilerplate::is_prompt(&p.text) {
                continue;
            }
        }
        if in_teasers {
            continue;
        }
        if p.kind != BlockKind::Heading && boilerplate::is_boilerplate(&p.text) {
            continue;
        }
        let prev = i.checked_sub(1).and_then(|j| pieces.get(j));
        if teaser(p) && (prev.is_some_and(teaser) || pieces.get(i + 1).is_some_and(teaser)) {
            continue;
        }
        let mut p = p.clone();
        if p.kind == BlockKind::Caption {
            p.text = boilerplate::caption_without_credit(&p.text).to_string();
            let repeated = out
                .iter()
                .any(|o| o.kind == BlockKind::Caption && o.text == p.text);
            if p.text.is_empty() || repeated {
                continue;
            }
        }
        out.push(p);
    }
    // A heading left last (its section was all furniture) goes too.
    if out.last().is_some_and(|p| p.kind == BlockKind::Heading) && out.len() > 1 {
        out.pop();
    }
    out
}

enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave { kind: BlockKind, caption: bool },
    LeaveLink,
}

/// What the walk carries from one node to the next.
#[derive(Default)]
struct Walk {
    current: String,
    /// Characters (not white space) of `current`, and of them inside links.
    chars: usize,
    link_chars: usize,
    /// The kinds of the blocks open around the walk, innermost last.
    open: Vec<BlockKind>,
    captions: usize,
    links: usize,
}

impl Walk {
    fn flush(&mut self, kind: BlockKind, out: &mut Vec<Piece>) {
        let text = collapse_whitespace(&self.current);
        if !text.is_empty() {
            let link_share = if self.chars == 0 {
                0.0
            } else {
                self.link_chars as f32 / self.chars as f32
            };
            out.push(Piece {
                kind,
                text,
                link_share,
            });
        }
        self.current.clear();
        self.chars = 0;
        self.link_chars = 0;
    }

    fn innermost(&self) -> BlockKind {
        self.open.last().copied().unwrap_or(BlockKind::Paragraph)
    }
}

/// An attribute of an element, lowercase (empty when it has none).
fn lower_attr(node: &NodeRef, name: &str) -> String {
    node.attr(name)
        .map(|v| v.to_lowercase())
        .unwrap_or_default()
}

/// A link to another page of the same site: a relative address, or one on the host of the
/// page's own address.
fn internal_link(node: &NodeRef, host: Option<&str>) -> bool {
    let href = lower_attr(node, "href");
    let href = href.trim();
    if href.is_empty()
        || href.starts_with('#')
        || href.starts_with("javascript:")
        || href.starts_with("mailto:")
    {
        return false;
    }
    match href.split_once("://") {
        None => !href.starts_with("//"),
        Some((_, rest)) => {
            let link_host = rest.split(['/', '?', '#']).next().unwrap_or("");
            host.is_some_and(|h| same_site(link_host, h))
        }
    }
}

/// Two host names of one site (`www.example.com`, `news.example.com`).
fn same_site(a: &str, b: &str) -> bool {
    let base = |h: &str| -> String {
        let parts: Vec<&str> = h.trim_start_matches("www.").split('.').collect();
        parts[parts.len().saturating_sub(2)..].join(".")
    };
    base(a) == base(b)
}

/// The host of a web address.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.to_lowercase();
    (!host.is_empty()).then_some(host)
}

/// Walks the tree in document order without recursion, so deep pages cannot overflow the
/// stack, collecting each block's text and how much of it links to other pages of the
/// site (`host`, the page's own).
fn walk(root: &NodeRef, host: Option<&str>, out: &mut Vec<Piece>) {
    // An element is left out by its class only when it holds less than half of the text:
    // an article's own container can carry a class like `share-enabled`.
    let total = root.text().chars().filter(|c| !c.is_whitespace()).count();
    let mut w = Walk::default();
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave { kind, caption } => {
                w.flush(kind, out);
                w.open.pop();
                if caption {
                    w.captions -= 1;
                }
            }
            Step::LeaveLink => w.links -= 1,
            Step::Enter(node) => {
                if node.is_text() {
                    let text = node.text();
                    let n = text.chars().filter(|c| !c.is_whitespace()).count();
                    w.chars += n;
                    if w.links > 0 {
                        w.link_chars += n;
                    }
                    w.current.push_str(&text);
                    continue;
                }
                if !(node.is_element() || node.is_document() || node.is_fragment()) {
                    continue;
                }
                let name = node
                    .node_name()
                    .map(|n| n.to_ascii_lowercase())
                    .unwrap_or_default();
                if SKIP.contains(&name.as_str())
                    || node.has_attr("hidden")
                    || node.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
                {
                    continue;
                }
                let class = lower_attr(&node, "class");
                let small =
                    || node.text().chars().filter(|c| !c.is_whitespace()).count() * 2 < total;
                if boilerplate::skip_element(&class, &lower_attr(&node, "id")) && small() {
                    continue;
                }
                let caption =
                    name == "figcaption" || boilerplate::caption_by_class(&class) && small();
                if BLOCK.contains(&name.as_str()) || caption {
                    let inner = w.innermost();
                    w.flush(inner, out);
                    let kind = if caption || w.captions > 0 {
                        BlockKind::Caption
                    } else if name.len() == 2 && name.starts_with('h') && name != "hr" {
                        BlockKind::Heading
                    } else if name == "br" {
                        inner
                    } else {
                        BlockKind::Paragraph
                    };
                    if caption {
                        w.captions += 1;
                    }
                    w.open.push(kind);
                    stack.push(Step::Leave { kind, caption });
                } else if name == "a" && internal_link(&node, host) {
                    w.links += 1;
                    stack.push(Step::LeaveLink);
                } else if !w.current.ends_with(char::is_whitespace)
                    && matches!(name.as_str(), "td" | "th" | "img")
                {
                    w.current.push(' ');
                }
                for child in node.children_it(true) {
                    stack.push(Step::Enter(child));
                }
            }
        }
    }
    let inner = w.innermost();
    w.flush(inner, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Rivers rise | Daily Paper</title>
<script>window.evil = 1; document.write("INJECTED");</script><style>p{color:red}</style></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li>Sport</li></ul></nav>
<div class="cookie-banner">We use cookies. <button>Accept all</button></div>
<div class="ad">Buy now! Amazing offer!</div>
<article><h1>Rivers rise across the valley</h1>
<p>Heavy rain pushed the river to its highest level in 40 years on Tuesday, officials said.</p>
<p>“We have never seen anything like this,” said Maria Lopez, the town’s mayor. “Everyone should move to higher ground &amp; stay safe.”</p>
<h2>Roads closed</h2>
<p>Police closed six roads near the bridge. Dr. Alan Smith of the regional hospital said the wards were ready.</p>
<p>Forecasters expect the water to fall by Friday, according to the national weather service.</p>
<script>alert('x')</script><img src=x onerror="alert(1)">
</article><footer>© Daily Paper. All rights reserved. <a href="/privacy">Privacy</a></footer></body></html>"#;

    #[test]
    fn keeps_the_article_and_drops_the_rest() {
        let e = extract(PAGE.as_bytes()).unwrap();
        assert_eq!(e.title.as_deref(), Some("Rivers rise across the valley"));
        assert!(e
            .text
            .contains("“We have never seen anything like this,” said Maria Lopez"));
        assert!(
            e.text.contains("& stay safe"),
            "entities are decoded: {}",
            e.text
        );
        for junk in [
            "cookies",
            "Buy now",
            "Home",
            "alert",
            "INJECTED",
            "color:red",
            "rights reserved",
            "Accept all",
        ] {
            assert!(!e.text.contains(junk), "{junk} leaked into {}", e.text);
        }
        let headings: Vec<_> = e
            .blocks
            .iter()
            .filter(|b| b.0 == BlockKind::Heading)
            .map(|b| b.1.text(&e.text))
            .collect();
        assert_eq!(headings, vec!["Roads closed"]);
    }

    #[test]
    fn a_short_page_title_does_not_overrule_the_heading() {
        let page = b"<html><head><title>x</title></head><body><article><h1>Bridge reopens</h1>\
<p>The old bridge reopened to traffic after three years of repairs, the city said.</p></article></body></html>";
        let e = extract(page).unwrap();
        assert_eq!(e.title.as_deref(), Some("Bridge reopens"));
    }

    #[test]
    fn a_fragment_without_an_article_still_gives_its_text() {
        let e = extract(b"<p>Just one short line.</p>").unwrap();
        assert_eq!(e.text, "Just one short line.");
    }

    #[test]
    fn very_deep_nesting_is_refused_not_overflowed() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        let err = extract(html.as_bytes()).unwrap_err();
        assert_eq!(err, FileProblem::TooDeep { limit: MAX_DEPTH });
    }
}
