//! What a saved page says of itself: schema.org JSON-LD first (the article's `headline`,
//! `author`, `publisher`, `datePublished`, `url`, `inLanguage`, `description`), then
//! OpenGraph and the other meta tags (`og:site_name`, `article:published_time`,
//! `<meta name="author">`, `<link rel="canonical">`, `<html lang>`), then what the page
//! shows (a byline, a `<time datetime>`).

use super::super::metadata::{
    author_names, byline_names, clean, language_tag, normalise_date, web_address,
};
use crate::model::Metadata;
use dom_query::Document;
use serde_json::Value;

/// The metadata of a page, and its headline as its metadata gives it (JSON-LD's
/// `headline` and `name`, OpenGraph's and Twitter's titles, in that order).
pub(super) struct PageMeta {
    pub headlines: Vec<String>,
    pub metadata: Metadata,
}

/// schema.org types of an article, best first; then the types of a page.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "Article",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
];
const PAGE_TYPES: &[&str] = &[
    "WebPage",
    "MedicalWebPage",
    "ItemPage",
    "ProfilePage",
    "QAPage",
];

/// Reads the page's metadata. `visible_byline` is the byline Readability found in the page.
pub(super) fn read(page: &Document, visible_byline: Option<&str>) -> PageMeta {
    let (mut headlines, ld) = json_ld(page);
    let meta = meta_tags(page);
    let mut m = ld.or(meta.metadata).or(visible(page, visible_byline));
    // The canonical address is the one `<link rel="canonical">` declares, before JSON-LD's
    // and OpenGraph's.
    if let Some(url) = canonical(page) {
        m.url = Some(url);
    }
    // A description is a summary, not a byline's place: nothing more to do. A site name
    // that is an address says nothing more than the URL.
    if m.site.as_deref().and_then(web_address).is_some() {
        m.site = None;
    }
    headlines.extend(meta.headlines);
    PageMeta {
        headlines,
        metadata: m,
    }
}

fn types(item: &Value) -> Vec<&str> {
    match item.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .map(|t| t.rsplit(['/', ':']).next().unwrap_or(t))
    .collect()
}

/// Every object of the page's JSON-LD scripts, `@graph` members included.
fn ld_items(page: &Document) -> Vec<Value> {
    let mut items = Vec::new();
    for script in page.select(r#"script[type="application/ld+json"]"#).iter() {
        let text = script.text();
        let text = text
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim();
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(a) => stack.extend(a.into_iter().rev()),
                Value::Object(mut o) => {
                    if let Some(graph) = o.remove("@graph") {
                        stack.push(graph);
                    }
                    items.push(Value::Object(o));
                }
                _ => {}
            }
        }
    }
    items
}

/// A JSON-LD value as text: a string, or an object's `name` (or `@id` resolved among the
/// page's items to one with a name).
fn ld_name(v: &Value, items: &[Value]) -> Vec<String> {
    match v {
        Value::String(s) => clean(s).into_iter().collect(),
        Value::Array(a) => a.iter().flat_map(|x| ld_name(x, items)).collect(),
        Value::Object(o) => {
            if let Some(name) = o.get("name") {
                return ld_name(name, items);
            }
            let Some(id) = o.get("@id").and_then(Value::as_str) else {
                return Vec::new();
            };
            items
                .iter()
                .find(|i| {
                    i.get("@id").and_then(Value::as_str) == Some(id) && i.get("name").is_some()
                })
                .and_then(|i| i.get("name"))
                .map(|n| ld_name(n, &[]))
                .unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

fn ld_str(item: &Value, key: &str) -> Option<String> {
    match item.get(key)? {
        Value::String(s) => clean(s),
        Value::Array(a) => a.iter().find_map(|v| v.as_str().and_then(clean)),
        Value::Object(o) => o
            .get("@id")
            .or_else(|| o.get("url"))
            .and_then(Value::as_str)
            .and_then(clean),
        _ => None,
    }
}

fn json_ld(page: &Document) -> (Vec<String>, Metadata) {
    let items = ld_items(page);
    let is = |item: &Value, list: &[&str]| types(item).iter().any(|t| list.contains(t));
    let article = ARTICLE_TYPES
        .iter()
        .find_map(|t| items.iter().find(|i| types(i).contains(t)))
        .or_else(|| items.iter().find(|i| is(i, PAGE_TYPES)));
    let mut m = Metadata::default();
    let Some(a) = article else {
        return (Vec::new(), m);
    };
    let headlines = [ld_str(a, "headline"), ld_str(a, "name")]
        .into_iter()
        .flatten()
        .collect();
    if let Some(author) = a.get("author").or_else(|| a.get("creator")) {
        for name in ld_name(author, &items) {
            for n in author_names(&name) {
                if !m.authors.contains(&n) {
                    m.authors.push(n);
                }
            }
        }
    }
    m.site = a
        .get("publisher")
        .map(|p| ld_name(p, &items))
        .and_then(|n| n.into_iter().next())
        .or_else(|| {
            let site = items.iter().find(|i| is(i, &["WebSite"]))?;
            ld_str(site, "name")
        });
    m.published = ld_str(a, "datePublished").and_then(|d| normalise_date(&d));
    m.url = ld_str(a, "url")
        .and_then(|u| web_address(&u))
        .or_else(|| ld_str(a, "mainEntityOfPage").and_then(|u| web_address(&u)));
    m.language = ld_str(a, "inLanguage").and_then(|l| language_tag(&l));
    m.description = ld_str(a, "description");
    (headlines, m)
}

/// The page's `<meta>` tags by their `property`, `name` or `itemprop`, lowercase.
fn metas(page: &Document) -> Vec<(String, String)> {
    page.select("meta")
        .iter()
        .filter_map(|m| {
            let key = m
                .attr("property")
                .or_else(|| m.attr("name"))
                .or_else(|| m.attr("itemprop"))
                .or_else(|| m.attr("http-equiv"))?;
            let value = m.attr("content")?;
            Some((key.trim().to_ascii_lowercase(), value.to_string()))
        })
        .collect()
}

fn meta_tags(page: &Document) -> PageMeta {
    let tags = metas(page);
    let first = |keys: &[&str], read: &dyn Fn(&str) -> Option<String>| {
        keys.iter().find_map(|k| {
            tags.iter()
                .filter(|(key, _)| key == k)
                .find_map(|(_, v)| read(v))
        })
    };
    // The first key that names someone, with every tag of it (a page with two authors
    // can give two `DC.Creator` tags).
    let authors = [
        "author",
        "article:author",
        "parsely-author",
        "sailthru.author",
        "dc.creator",
        "dcterms.creator",
        "byl",
    ]
    .iter()
    .map(|k| {
        let mut names: Vec<String> = Vec::new();
        for (_, v) in tags.iter().filter(|(key, _)| key == k) {
            for n in author_names(v) {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        names
    })
    .find(|names| !names.is_empty())
    .unwrap_or_default();
    let mut m = Metadata {
        authors,
        ..Default::default()
    };
    m.site = first(
        &["og:site_name", "application-name", "al:ios:app_name"],
        &|v| clean(v),
    );
    m.published = first(
        &[
            "article:published_time",
            "og:article:published_time",
            "og:published_time",
            "published_time",
            "datepublished",
            "article.published",
            "pubdate",
            "publishdate",
            "publish-date",
            "publish_date",
            "parsely-pub-date",
            "sailthru.date",
            "dc.date.issued",
            "dcterms.issued",
            "dc.date",
            "dcterms.date",
            "date",
        ],
        &|v| normalise_date(v),
    );
    m.url = first(&["og:url", "twitter:url"], &|v| web_address(v));
    m.language = page
        .select("html")
        .iter()
        .find_map(|h| {
            h.attr("lang")
                .or_else(|| h.attr("xml:lang"))
                .and_then(|l| language_tag(&l))
        })
        .or_else(|| {
            first(
                &["content-language", "og:locale", "dc.language", "language"],
                &|v| language_tag(v),
            )
        });
    m.description = first(
        &[
            "og:description",
            "description",
            "twitter:description",
            "dc.description",
        ],
        &|v| clean(v),
    );
    let headlines = ["og:title", "twitter:title", "dc.title"]
        .iter()
        .filter_map(|k| first(&[k], &|v| clean(v)))
        .collect();
    PageMeta {
        headlines,
        metadata: m,
    }
}

/// The address `<link rel="canonical">` declares: absolute, scheme-relative, or a path
/// on the host of the page's `<base href>` or `og:url`.
fn canonical(page: &Document) -> Option<String> {
    page.select(r#"link[rel="canonical"]"#)
        .iter()
        .find_map(|l| {
            let href = l.attr("href")?;
            web_address(&href)
                .or_else(|| scheme_relative(page, &href))
                .or_else(|| on_own_host(page, &href))
        })
}

/// A path (`/2024/rivers`) on the page's own host, as its `<base href>` or its `og:url`
/// names it.
fn on_own_host(page: &Document, path: &str) -> Option<String> {
    let path = path.trim();
    if !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    let declared = page
        .select("base[href]")
        .iter()
        .find_map(|b| b.attr("href").and_then(|h| web_address(&h)))
        .or_else(|| {
            page.select(r#"meta[property="og:url"], meta[name="og:url"]"#)
                .iter()
                .find_map(|m| m.attr("content").and_then(|c| web_address(&c)))
        })?;
    let (scheme, rest) = declared.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    web_address(&format!("{scheme}://{host}{path}"))
}

/// A scheme-relative address (`//news.example.com/a`) with the scheme the page's own
/// absolute links to that host use (`https://news.example.com/...`), or else its links to
/// the same site (`https://www.example.com/`); None when none does (the scheme is not
/// guessed).
fn scheme_relative(page: &Document, href: &str) -> Option<String> {
    let rest = href.trim().strip_prefix("//")?;
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    if host.is_empty() {
        return None;
    }
    let links: Vec<(String, String)> = page
        .select("a[href], link[href], meta[content]")
        .iter()
        .filter_map(|e| {
            let v = e.attr("href").or_else(|| e.attr("content"))?;
            let (scheme, after) = v.trim().split_once("://")?;
            let scheme = scheme.to_ascii_lowercase();
            let link_host = after.split(['/', '?', '#']).next()?.to_ascii_lowercase();
            (scheme == "http" || scheme == "https").then_some((scheme, link_host))
        })
        .collect();
    links
        .iter()
        .find(|(_, h)| *h == host)
        .or_else(|| links.iter().find(|(_, h)| super::same_site(h, &host)))
        .and_then(|(scheme, _)| web_address(&format!("{scheme}:{}", href.trim())))
}

/// What the page shows: the byline Readability found, and the publication time of a
/// `<time>` (one marked as the publication's, else the first inside the `<article>`, else
/// the page's only one).
fn visible(page: &Document, byline: Option<&str>) -> Metadata {
    let mut m = Metadata {
        authors: byline.map(byline_names).unwrap_or_default(),
        ..Default::default()
    };
    let date_of = |sel: &str| {
        page.select(sel).iter().find_map(|t| {
            match t.attr("datetime").or_else(|| t.attr("content")) {
                Some(d) => normalise_date(&d),
                None => normalise_date(&t.text()),
            }
        })
    };
    m.published = date_of(r#"[itemprop="datePublished"]"#)
        .or_else(|| date_of("time[pubdate]"))
        .or_else(|| date_of("article time[datetime]"))
        .or_else(|| {
            let all = page.select("time[datetime]");
            (all.length() == 1)
                .then(|| date_of("time[datetime]"))
                .flatten()
        });
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_page(html: &str, byline: Option<&str>) -> PageMeta {
        read(&Document::from(html), byline)
    }

    #[test]
    fn json_ld_comes_first_and_graphs_and_ids_are_followed() {
        let page = r##"<html lang="en-gb"><head>
<meta property="og:site_name" content="OG Site"><meta name="author" content="Meta Author">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","@id":"#site","name":"The Daily Paper"},
 {"@type":"Person","@id":"#jane","name":"Jane Doe"},
 {"@type":["NewsArticle"],"headline":"Rivers rise","author":[{"@id":"#jane"},{"@type":"Person","name":"John Roe"}],
  "publisher":{"@type":"Organization","name":"The Daily Paper"},"datePublished":"2024-03-05T10:00:00+01:00",
  "mainEntityOfPage":{"@id":"https://paper.example/rivers"},"description":"The river rose."}]}</script>
</head><body></body></html>"##;
        let p = read_page(page, None);
        assert_eq!(p.headlines, vec!["Rivers rise"]);
        assert_eq!(p.metadata.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(p.metadata.site.as_deref(), Some("The Daily Paper"));
        assert_eq!(
            p.metadata.published.as_deref(),
            Some("2024-03-05T10:00:00+01:00")
        );
        assert_eq!(
            p.metadata.url.as_deref(),
            Some("https://paper.example/rivers")
        );
        assert_eq!(p.metadata.language.as_deref(), Some("en-GB"));
        assert_eq!(p.metadata.description.as_deref(), Some("The river rose."));
    }

    #[test]
    fn meta_tags_then_the_visible_page() {
        let page = r#"<html><head><meta property="og:site_name" content="Daily Paper">
<meta property="article:author" content="https://www.facebook.com/jane">
<link rel="canonical" href="https://paper.example/a"><meta property="og:locale" content="fr_FR">
</head><body><article><time datetime="2015-04-30T07:19:58">30 avril</time></article></body></html>"#;
        let p = read_page(page, Some("Par Sébastien Farcis"));
        assert_eq!(p.metadata.authors, vec!["Sébastien Farcis"]);
        assert_eq!(p.metadata.site.as_deref(), Some("Daily Paper"));
        assert_eq!(p.metadata.published.as_deref(), Some("2015-04-30T07:19:58"));
        assert_eq!(p.metadata.url.as_deref(), Some("https://paper.example/a"));
        assert_eq!(p.metadata.language.as_deref(), Some("fr-FR"));
    }

    #[test]
    fn every_author_tag_and_a_scheme_relative_canonical_address() {
        let page = r#"<html><head><meta name="DC.Creator" content="Kooman, F.">
<meta name="DC.Creator" content="Jong, Michiel de"><link rel="canonical" href="//news.example.com/a">
</head><body><a href="http://elsewhere.example.org/">c</a><a href="https://www.example.com/b">b</a></body></html>"#;
        let p = read_page(page, None);
        assert_eq!(p.metadata.authors, vec!["Kooman, F.", "Jong, Michiel de"]);
        assert_eq!(
            p.metadata.url.as_deref(),
            Some("https://news.example.com/a")
        );
        // A path on the host of the page's own address.
        let page = r#"<html><head><link rel="canonical" href="/2024/rivers">
<meta property="og:url" content="https://paper.example/amp/rivers?x=1"></head></html>"#;
        assert_eq!(
            read_page(page, None).metadata.url.as_deref(),
            Some("https://paper.example/2024/rivers")
        );
        // No link says which scheme: no address rather than a guessed one.
        let page =
            r#"<html><head><link rel="canonical" href="//news.example.com/a"></head></html>"#;
        assert_eq!(read_page(page, None).metadata.url, None);
    }

    #[test]
    fn nothing_said_is_nothing_given() {
        let p = read_page(
            "<html><body><p>Text.</p><time>later</time></body></html>",
            None,
        );
        assert_eq!(p.metadata, Metadata::default());
        assert!(p.headlines.is_empty());
    }
}
