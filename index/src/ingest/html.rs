//! A saved news page: dom_smoothie (a port of Mozilla's Readability, the algorithm behind
//! Firefox's reader view) finds the article's main content, dropping menus, scripts,
//! cookie banners and ads; a walk over that content then gives headings and paragraphs.
//! Only text is taken out: no markup, script or style reaches the stored document.

use super::{collapse_whitespace, join_blocks, Extracted};
use crate::error::FileProblem;
use crate::model::BlockKind;
use dom_query::{Document, NodeRef};

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "math", "nav", "aside", "form",
    "button", "select", "textarea", "object", "embed", "canvas", "video", "audio", "head",
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

pub fn extract(bytes: &[u8]) -> Result<Extracted, FileProblem> {
    let html = super::decode_text(bytes)?;
    // The HTML parser's time grows with the square of the nesting depth: parsing stops at
    // the limit.
    let page = super::depth::parse_bounded(&html, MAX_DEPTH)
        .ok_or(FileProblem::TooDeep { limit: MAX_DEPTH })?;
    let page_title = page.select_single("title").text().trim().to_string();
    let first_h1 = page.select_single("h1").text().trim().to_string();

    let config = dom_smoothie::Config {
        max_elements_to_parse: 50_000,
        // Readability's default (500 characters) is for long reads; news briefs are shorter.
        char_threshold: 200,
        ..Default::default()
    };
    let article = dom_smoothie::Readability::with_document(page.clone(), None, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let mut pieces = Vec::new();
    let mut title = None;
    if let Some(article) = &article {
        let content = Document::from(article.content.as_ref());
        walk(&content.root(), &mut pieces);
        if !article.title.trim().is_empty() {
            title = Some(collapse_whitespace(&article.title));
        }
    }
    if pieces
        .iter()
        .all(|(_, t): &(BlockKind, String)| t.trim().is_empty())
    {
        // Readability found no article (a short page, a fragment): take the whole body.
        pieces.clear();
        // Readability found nothing: the page's <article> or <main>, else its body.
        let main = page.select_single("article");
        let main = if main.exists() {
            main
        } else {
            page.select_single("main")
        };
        match main.nodes().first() {
            Some(node) => walk(node, &mut pieces),
            None => walk(&page.root(), &mut pieces),
        }
    }
    // A news page's first <h1> is its headline; <title> often carries the site's name too.
    let title = (!first_h1.is_empty())
        .then(|| collapse_whitespace(&first_h1))
        .or(title)
        .or_else(|| (!page_title.is_empty()).then(|| collapse_whitespace(&page_title)));
    // Readability sometimes keeps the headline as the content's first heading; it is the
    // title, not a block of the article, unless the article is nothing else.
    if let (Some(t), Some((BlockKind::Heading, first))) = (&title, pieces.first()) {
        if collapse_whitespace(first) == *t && pieces.len() > 1 {
            pieces.remove(0);
        }
    }
    let (text, blocks) = join_blocks(pieces);
    Ok(Extracted {
        title,
        text,
        blocks,
    })
}

enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave(BlockKind),
}

/// Walks the tree in document order without recursion, so deep pages cannot overflow the
/// stack, collecting each block's text.
fn walk(root: &NodeRef, out: &mut Vec<(BlockKind, String)>) {
    let mut current = String::new();
    let mut stack = vec![Step::Enter(*root)];
    let flush = |current: &mut String, kind: BlockKind, out: &mut Vec<(BlockKind, String)>| {
        let text = collapse_whitespace(current);
        if !text.is_empty() {
            out.push((kind, text));
        }
        current.clear();
    };
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(kind) => flush(&mut current, kind, out),
            Step::Enter(node) => {
                if node.is_text() {
                    current.push_str(&node.text());
                    continue;
                }
                if !(node.is_element() || node.is_document() || node.is_fragment()) {
                    continue;
                }
                let name = node
                    .node_name()
                    .map(|n| n.to_ascii_lowercase())
                    .unwrap_or_default();
                if SKIP.contains(&name.as_str()) || node.has_attr("hidden") {
                    continue;
                }
                if BLOCK.contains(&name.as_str()) {
                    flush(&mut current, BlockKind::Paragraph, out);
                    let kind = if name.len() == 2 && name.starts_with('h') && name != "hr" {
                        BlockKind::Heading
                    } else {
                        BlockKind::Paragraph
                    };
                    stack.push(Step::Leave(kind));
                } else if !current.ends_with(char::is_whitespace)
                    && matches!(name.as_str(), "td" | "th" | "img")
                {
                    current.push(' ');
                }
                for child in node.children_it(true) {
                    stack.push(Step::Enter(child));
                }
            }
        }
    }
    flush(&mut current, BlockKind::Paragraph, out);
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
