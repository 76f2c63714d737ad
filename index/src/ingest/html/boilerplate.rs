//! What a news page carries around its article that is not the article: photo credits,
//! "Read more" and related-story teasers, share and subscribe lines, advertising labels,
//! bylines and datelines (these are the document's metadata, not paragraphs to answer
//! from). Two kinds of rule: an element's class or id says what it is (`share-tools`,
//! `related-links`, `credit`); a short paragraph's words say it (`Photo: Jane Doe/AFP`,
//! `Sign up for our newsletter`). Rules are for news pages in general; each is tested on
//! a made-up line below.

use super::super::metadata::is_date_line;

/// Words of a class or an id (split at anything not a letter or digit, lowercase), or
/// their beginnings, that mark an element that is never article text.
const SKIP_PREFIXES: &[&str] = &[
    "related",
    "share",
    "sharing",
    "newsletter",
    "subscri",
    "signup",
    "promo",
    "recirc",
    "outbrain",
    "taboola",
    "sponsor",
    "advert",
    "breadcrumb",
    "readmore",
    "recommend",
    "trending",
    "mostpopular",
    "mostread",
    "credit",
    "copyright",
    "byline",
    "authorbio",
    "authorinfo",
    "comments",
    "disqus",
    "paywall",
    "toolbar",
    "socialbar",
    "relatedposts",
    "moreon",
    "morestories",
    "alsoread",
];
/// Whole words of a class or an id that mark one.
const SKIP_WORDS: &[&str] = &[
    "ad",
    "ads",
    "comment",
    "tags",
    "tag",
    "author",
    "bio",
    "contributor",
    "popular",
    "sronly",
    "sr",
    "toc",
];
/// Class strings (lowercase) that hide an element from sight but not from screen readers.
const HIDDEN_CLASSES: &[&str] = &[
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader",
    "offscreen",
];

/// The words of an element's class and id.
fn words(class_and_id: &str) -> impl Iterator<Item = &str> {
    class_and_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Ids that mark an element that is never article text. Ids are often made from a
/// section's heading (`shared-mutable-history`), so they are matched as whole words only.
const SKIP_IDS: &[&str] = &[
    "comments",
    "comment",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "toc",
    "ad",
    "ads",
    "byline",
    "author",
    "bio",
    "breadcrumbs",
    "breadcrumb",
    "recommended",
    "trending",
    "disqus",
    "promo",
    "subscribe",
];

/// Words that an id of furniture may hold besides what it is (`related-articles`).
const GENERIC_ID_WORDS: &[&str] = &[
    "articles",
    "article",
    "posts",
    "post",
    "stories",
    "story",
    "links",
    "link",
    "content",
    "section",
    "box",
    "container",
    "wrapper",
    "wrap",
    "widget",
    "list",
    "bar",
    "tools",
    "buttons",
    "area",
    "block",
    "module",
    "top",
    "bottom",
    "inner",
    "outer",
    "main",
    "page",
    "items",
    "form",
    "panel",
    "footer",
    "header",
    "thread",
    "section",
];

/// An element whose class or id says it is not article text (both lowercase). An id is
/// furniture only when it says nothing else (`comments`, `related-articles`, not
/// `related-work`).
pub(super) fn skip_element(class: &str, id: &str) -> bool {
    let id_words: Vec<&str> = words(id)
        .filter(|w| !w.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let id_says = id_words.iter().any(|w| SKIP_IDS.contains(w))
        && id_words
            .iter()
            .all(|w| SKIP_IDS.contains(w) || GENERIC_ID_WORDS.contains(w));
    id_says || skip_by_class(class)
}

/// An element whose class says it is not article text. `class_and_id` lowercase.
fn skip_by_class(class_and_id: &str) -> bool {
    if class_and_id.is_empty() {
        return false;
    }
    // `sr` and `only` as separate words are `sr-only`.
    if HIDDEN_CLASSES.iter().any(|h| class_and_id.contains(h)) {
        return true;
    }
    // Social-media tool bars, but not the posts embedded in an article (`social-embed`).
    let social = words(class_and_id).any(|w| w.starts_with("social"))
        && !["embed", "tweet", "post", "instagram"]
            .iter()
            .any(|e| class_and_id.contains(e));
    social
        || words(class_and_id).any(|w| {
            SKIP_WORDS.contains(&w) && w != "sr" || SKIP_PREFIXES.iter().any(|p| w.starts_with(p))
        })
        || {
            // Two words that read as one: `read more`, `more stories`, `also read`.
            let ws: Vec<&str> = words(class_and_id).collect();
            ws.windows(2).any(|p| {
                matches!(
                    (p[0], p[1]),
                    ("read", "more")
                        | ("more", "stories")
                        | ("also", "read")
                        | ("most", "popular")
                        | ("most", "read")
                        | ("more", "from")
                        | ("you", "may")
                )
            })
        }
}

/// An element whose class or id says it is a figure's caption. `class_and_id` lowercase.
pub(super) fn caption_by_class(class_and_id: &str) -> bool {
    words(class_and_id).any(|w| w.contains("caption"))
}

/// Agencies and picture libraries whose names end photo credits.
const AGENCIES: &[&str] = &[
    "getty",
    "afp",
    "reuters",
    "associated press",
    "ap photo",
    "epa",
    "shutterstock",
    "istock",
    "alamy",
    "corbis",
    "bloomberg",
    "xinhua",
    "pa images",
    "pa wire",
    "anadolu",
    "sipa",
    "dpa",
    "efe",
    "ansa",
    "tass",
    "zuma",
    "rex features",
    "unsplash",
    "pexels",
    "flickr",
    "wikimedia commons",
    "pool",
    "handout",
    "file photo",
];

/// The words a credit opens with.
const CREDIT_OPENERS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "photography",
    "picture",
    "pictures",
    "image",
    "images",
    "credit",
    "credits",
    "photo credit",
    "image credit",
    "foto",
    "fotos",
    "bild",
    "crédit",
    "crédito",
    "illustration",
    "video",
    "source",
];

/// A photo credit on a line of its own: `Photo: Jane Doe/AFP`, `Credit Ashraf Shazly/Agence
/// France-Presse`, `JIM WATSON/AFP/Getty Images`, `(Mike Watson Images/Moodboard/Getty)`.
pub(super) fn is_credit(text: &str) -> bool {
    let t = text
        .trim()
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']']);
    let words = t.split_whitespace().count();
    if words == 0 || words > 12 || t.ends_with(['.', '?', '!']) && !t.ends_with("Inc.") {
        return false;
    }
    let lower = t.to_lowercase();
    let first = lower
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let opener = CREDIT_OPENERS.iter().any(|o| {
        lower.starts_with(o)
            && lower[o.len()..]
                .trim_start()
                .starts_with([':', '|', '/', '-', '–', '©'])
            || (*o == first && lower[o.len()..].trim_start().starts_with("by "))
    }) || lower.starts_with("credit")
        || lower.starts_with('©')
        || lower.starts_with("(c)");
    let agency = AGENCIES.iter().any(|a| {
        lower
            .match_indices(a)
            .any(|(i, _)| is_word_edge(&lower, i, a.len()))
    });
    // Name/Agency: a credit's slash, without a sentence's verbs (none is that short).
    let slashed = t.contains('/') && !t.contains("://") && words <= 8;
    let all_names = t
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .all(|w| w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic()));
    opener
        || (agency && (slashed || words <= 6 || text.trim().starts_with('(')))
        || (slashed && all_names && words <= 6)
}

/// Where a caption's credit begins (`...in Seoul on Thursday.Credit Jane Doe/AFP`, `... |
/// photo by Jane Doe`), if it ends with one: the caption is what comes before.
pub(super) fn caption_without_credit(caption: &str) -> &str {
    const MARKS: &[&str] = &[
        "Credit",
        "CREDIT",
        "Photo:",
        "Photo by",
        "photo by",
        "Photograph:",
        "Image:",
        "Picture:",
        "Foto:",
        "Bild:",
        "(Photo",
        "(Image",
        "Photo credit",
    ];
    let cut = MARKS
        .iter()
        .filter_map(|m| caption.find(m))
        .filter(|&i| i > 0)
        .filter(|&i| {
            let tail = &caption[i..];
            tail.split_whitespace().count() <= 12
                && (tail.starts_with("Credit") || tail.starts_with("CREDIT") || is_credit(tail))
        })
        .min();
    match cut {
        Some(i) => caption[..i].trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | '(')
        }),
        None => caption,
    }
}

fn is_word_edge(s: &str, at: usize, len: usize) -> bool {
    let before = s[..at].chars().next_back();
    let after = s[at + len..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The openings of lines that send the reader elsewhere or ask something of them.
const PROMPTS: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "read the full",
    "read next",
    "related:",
    "related coverage",
    "related stories",
    "related articles",
    "related content",
    "see also:",
    "more:",
    "more on this",
    "continue reading",
    "click here",
    "sign up",
    "signup",
    "subscribe",
    "get our",
    "join our",
    "follow us",
    "follow @",
    "like us on",
    "share this",
    "share on",
    "share:",
    "tweet this",
    "email this",
    "download our app",
    "download the app",
    "listen to this",
    "watch:",
    "watch the video",
    "advertisement",
    "story continues",
    "skip to",
    "support our journalism",
    "lire aussi",
    "à lire aussi",
    "lee también",
    "leia também",
    "leia mais",
    "mehr zum thema",
    "weiterlesen",
    "lesen sie auch",
    "recommended:",
    "you may also like",
    "you might also like",
    "most read",
    "most popular",
    "top stories",
    "this article was",
    "this story was",
    "for more news",
    "get the latest",
];

/// A short line that is a prompt, not text: `Read more: ...`, `Sign up for our newsletter`,
/// `Share on Facebook`, `Advertisement`; the video player's `Current Time 0:00`.
pub(super) fn is_prompt(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    if words == 0 || words > 25 {
        return false;
    }
    let lower = t.to_lowercase();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '@');
    let opens = PROMPTS.iter().any(|p| {
        lower.starts_with(p)
            && !lower[p.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    });
    let newsletter = lower.contains("newsletter")
        && [
            "sign up",
            "subscribe",
            "keep up",
            "inbox",
            "delivered",
            "receive",
            "get our",
            "get the",
            "join",
        ]
        .iter()
        .any(|w| lower.contains(w));
    let player = [
        "current time",
        "duration time",
        "remaining time",
        "duration ",
        "playback rate",
    ]
    .iter()
    .any(|p| lower.starts_with(p) && lower.chars().any(|c| c.is_ascii_digit()))
        && words <= 4;
    opens || newsletter || player
}

/// A byline on a line of its own (`By Jane Doe`, `By Jane Doe and John Roe, Reuters`): the
/// document's metadata, not a paragraph.
pub(super) fn is_byline(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_lowercase();
    let words = t.split_whitespace().count();
    (2..=14).contains(&words)
        && ["by ", "by: ", "written by ", "par ", "por ", "von "]
            .iter()
            .any(|b| lower.starts_with(b))
        && !t.ends_with(['.', '?', '!', ':'])
        && t.split_whitespace()
            .nth(1)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
}

/// A paragraph of the page that is not article text, by its words alone.
pub(super) fn is_boilerplate(text: &str) -> bool {
    is_credit(text) || is_prompt(text) || is_byline(text) || is_date_line(text)
}

/// A heading that opens a section of teasers or comments: it and what follows it, up to
/// the next heading, are not the article.
pub(super) fn opens_teasers(heading: &str) -> bool {
    let lower = heading.trim().to_lowercase();
    let lower = lower.trim_end_matches([':', '.']);
    const HEADINGS: &[&str] = &[
        "related",
        "related articles",
        "related stories",
        "related posts",
        "related content",
        "related coverage",
        "related links",
        "read more",
        "more stories",
        "more from",
        "more on",
        "recommended",
        "recommended for you",
        "you may also like",
        "you might also like",
        "most popular",
        "most read",
        "trending",
        "top stories",
        "comments",
        "leave a comment",
        "leave a reply",
        "share this",
        "share this article",
        "share this story",
        "sign up",
        "newsletter",
        "further reading",
        "what to read next",
        "read next",
        "up next",
        "latest news",
        "more news",
        "lire aussi",
        "à lire aussi",
        "sur le même sujet",
        "más información",
        "leia também",
        "mehr zum thema",
    ];
    HEADINGS.iter().any(|h| {
        lower == *h || lower.starts_with(&format!("{h} ")) && lower.split_whitespace().count() <= 5
    }) || lower.ends_with(" comments") && lower.split_whitespace().count() <= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_that_are_not_article_text() {
        for c in [
            "share-tools",
            "related-links",
            "article__credit",
            "ad",
            "newsletter-signup",
            "sr-only",
            "read-more",
            "social-links",
        ] {
            assert!(skip_element(c, ""), "{c}");
        }
        for c in [
            "",
            "article-body",
            "shadow",
            "story-text",
            "header",
            "loading",
            "adjacent",
            "paragraph",
            "social-embed",
        ] {
            assert!(!skip_element(c, ""), "{c}");
        }
        // An id made from a heading is not a share bar.
        assert!(!skip_element("section", "shared-mutable-history"));
        assert!(!skip_element("section", "related-work"));
        assert!(skip_element("", "comments"));
        assert!(caption_by_class("wp-caption-text"));
        assert!(caption_by_class("imagecaption"));
        assert!(!caption_by_class("article"));
    }

    #[test]
    fn credits() {
        for t in [
            "Photo: Jane Doe/AFP",
            "Credit Ashraf Shazly/Agence France-Presse",
            "JIM WATSON/AFP/Getty Images",
            "(Mike Watson Images/Moodboard/Getty)",
            "Photo by Joan Bardeletti",
            "Image: Raspberry Pi Foundation",
            "© Reuters",
            "(Bild: Hersteller)",
            "Devindra Hardawar/AOL",
        ] {
            assert!(is_credit(t), "{t}");
        }
        for t in [
            "The photo shows the damage to the bridge after the storm.",
            "Reuters reported that the talks had stalled over the weekend, officials said.",
            "Photographers gathered at the gate.",
            "A picture of calm",
        ] {
            assert!(!is_credit(t), "{t}");
        }
    }

    #[test]
    fn captions_lose_their_credits() {
        assert_eq!(
            caption_without_credit(
                "Workers repair cables in Queens.CreditKirsten Luce for The New York Times"
            ),
            "Workers repair cables in Queens."
        );
        assert_eq!(
            caption_without_credit("Cristina Gil, at the testing lab | photo by Joan Bardeletti"),
            "Cristina Gil, at the testing lab"
        );
        assert_eq!(
            caption_without_credit("Fernando Caudevilla. Photo: Joseph Cox"),
            "Fernando Caudevilla."
        );
        let plain = "The Credit Suisse building in Zurich, where the talks were held on Monday afternoon by the bank.";
        assert_eq!(caption_without_credit(plain), plain);
    }

    #[test]
    fn prompts_bylines_and_teaser_headings() {
        for t in [
            "Read more: Why the river rose",
            "READ MORE",
            "Sign up for our daily newsletter.",
            "Cities are changing fast. Keep up with the Daily newsletter.",
            "Share on Facebook",
            "Advertisement",
            "Current Time 0:00",
        ] {
            assert!(is_boilerplate(t), "{t}");
        }
        for t in [
            "Readers were asked to share their stories of the flood, and hundreds did.",
            "The council will subscribe to the regional scheme, the mayor said.",
            "The newsletter, which has two million readers, was sold on Monday.",
            "Following the storm, roads were closed.",
            "By Tuesday the water had fallen.",
        ] {
            assert!(!is_boilerplate(t), "{t}");
        }
        assert!(is_byline("By Jane Doe and John Roe"));
        assert!(is_boilerplate("Updated 2:30 PM ET, Mon June 5, 2017"));
        assert!(opens_teasers("Related stories"));
        assert!(opens_teasers("12 comments"));
        assert!(!opens_teasers("Roads closed"));
    }
}
