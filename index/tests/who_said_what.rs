//! Who said what across a library: the quotes on a topic grouped by speaker, a speaker's
//! record in date order, both within a scope. On a library generated here: dated articles
//! from three outlets quoting known people on known topics, one of them printed with
//! another spelling of her name by one outlet and described differently as her role
//! changed.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use verbatim_index::{Library, OpenOptions, Scope};

struct Said {
    name: &'static str,
    description: &'static str,
    quotes: &'static [&'static str],
}

struct Article {
    site: &'static str,
    date: Option<&'static str>,
    title: &'static str,
    lead: &'static str,
    said: Vec<Said>,
}

const SANCTIONS: &[&str] = &[
    "The sanctions are hurting our exporters more than anyone expected",
    "We will not ask for the sanctions to be lifted before the talks resume",
];
const TAIWAN: &[&str] = &[
    "The tension over Taiwan is the greatest risk in the region",
    "Nobody in Taipei wants a crisis over the strait",
];
const HARBOUR: &[&str] = &[
    "The new ferry timetable will help the fishing fleet",
    "We expect the harbour to be busier than ever this summer",
];

fn haddad(name: &'static str, description: &'static str) -> Said {
    Said {
        name,
        description,
        quotes: SANCTIONS,
    }
}

fn petrov() -> Said {
    Said {
        name: "Lars Petrov",
        description: "a lecturer in international relations at Chatham House",
        quotes: TAIWAN,
    }
}

fn okonkwo() -> Said {
    Said {
        name: "Grace Okonkwo",
        description: "a senior fellow at the Lowy Institute",
        quotes: HARBOUR,
    }
}

fn articles() -> Vec<Article> {
    vec![
        Article {
            site: "Daily Ledger",
            date: Some("2019-03-04"),
            title: "Exporters count the cost",
            lead: "Trade experts met ministers on Monday to discuss the trade measures.",
            said: vec![
                haddad("Amira Haddad", "the deputy finance minister"),
                okonkwo(),
            ],
        },
        Article {
            site: "Harbour Gazette",
            date: Some("2020-06-11"),
            title: "Talks stall again",
            lead: "Negotiators left the capital without an agreement on Thursday.",
            said: vec![
                haddad("Amira Hadad", "the deputy finance minister"),
                petrov(),
            ],
        },
        Article {
            site: "Daily Ledger",
            date: Some("2021-01-20"),
            title: "Strait tensions rise",
            lead: "Warships were seen near the strait for a third day.",
            said: vec![petrov(), okonkwo()],
        },
        Article {
            site: "Northern Courier",
            date: Some("2022-09-02"),
            title: "Minister defends the measures",
            lead: "The government published its yearly report on the trade measures.",
            said: vec![haddad("Amira Haddad", "the finance minister"), okonkwo()],
        },
        Article {
            site: "Northern Courier",
            date: None,
            title: "An interview",
            lead: "The minister spoke at length about the year ahead.",
            said: vec![haddad("Amira Haddad", "the finance minister")],
        },
        Article {
            site: "Harbour Gazette",
            date: Some("2023-05-17"),
            title: "Summer at the harbour",
            lead: "The harbour master presented the season's plans.",
            said: vec![okonkwo(), petrov()],
        },
    ]
}

/// The article as a Markdown file with front matter.
fn markdown(a: &Article) -> String {
    let mut out = format!("---\ntitle: {}\nsite: {}\n", a.title, a.site);
    if let Some(d) = a.date {
        out.push_str(&format!("date: {d}\n"));
    }
    out.push_str(&format!("---\n\n# {}\n\n{}\n\n", a.title, a.lead));
    for s in &a.said {
        let surname = s.name.rsplit(' ').next().unwrap_or(s.name);
        out.push_str(&format!(
            "\u{201c}{},\u{201d} said {}, {}.\n\nThe remarks came after a long week of meetings.\n\n\u{201c}{},\u{201d} {surname} said.\n\n",
            s.quotes[0], s.name, s.description, s.quotes[1]
        ));
    }
    out
}

/// A library of the generated articles, and the folder it lives in (kept alive).
fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("tmp");
    let files: Vec<PathBuf> = articles()
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let path = dir.path().join(format!("article-{i}.md"));
            std::fs::write(&path, markdown(a)).expect("written");
            path
        })
        .collect();
    let mut lib = Library::open(dir.path().join("lib"), OpenOptions::default()).expect("opens");
    let report = lib
        .add_files(&files, &AtomicBool::new(false), &mut |_| {})
        .expect("imports");
    assert_eq!(report.added.len(), files.len());
    (dir, lib)
}

fn names(t: &verbatim_index::TopicQuotes) -> Vec<&str> {
    t.speakers.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn a_topic_groups_the_quotes_on_it_by_speaker_with_citations() {
    let (_dir, lib) = library();
    let t = lib
        .quotes_about("What do they say about the sanctions?", &Scope::default())
        .expect("searches");
    assert_eq!(names(&t), ["Amira Haddad"], "{t:#?}");
    let haddad = &t.speakers[0];
    // Both spellings are one person, quoted on it in four documents.
    assert_eq!(haddad.documents, 4);
    assert!(haddad.quotes.len() >= 4);
    for q in &haddad.quotes {
        assert!(q.quote.text.contains("sanctions"), "{:?}", q.quote.text);
        assert_eq!(q.quote.speaker, "Amira Haddad");
        assert!(q.site.is_some() && !q.title.is_empty());
        assert!(q.score.is_some_and(|s| (topic_min()..=1.0).contains(&s)));
    }
    // Closest first.
    let scores: Vec<f32> = haddad.quotes.iter().filter_map(|q| q.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));

    let taiwan = lib
        .quotes_about("Taiwan", &Scope::default())
        .expect("searches");
    assert_eq!(names(&taiwan), ["Lars Petrov"]);
    assert_eq!(taiwan.speakers[0].documents, 3);

    // Asked as a journalist asks: the topic is what the question is about, not who says it
    // (`experts` is in the library, in no quote on the sanctions).
    let asked = lib
        .quotes_about(
            "What do the experts say about the sanctions?",
            &Scope::default(),
        )
        .expect("searches");
    assert_eq!(names(&asked), ["Amira Haddad"]);
    assert_eq!(asked.speakers[0].documents, 4);
    // Half a topic the library knows nothing of is not the topic: no one.
    let half = lib
        .quotes_about("Taiwan quagmires", &Scope::default())
        .expect("searches");
    assert!(half.speakers.is_empty(), "{half:#?}");

    // A misspelled topic is matched as a misspelled question is.
    let misspelled = lib
        .quotes_about("sanctoins", &Scope::default())
        .expect("searches");
    assert_eq!(names(&misspelled), ["Amira Haddad"]);

    // Nothing on it: no one.
    let none = lib
        .quotes_about("volcano eruption", &Scope::default())
        .expect("searches");
    assert!(none.speakers.is_empty(), "{none:#?}");
    let empty = lib.quotes_about("  ", &Scope::default()).expect("searches");
    assert!(empty.speakers.is_empty());
}

fn topic_min() -> f32 {
    verbatim_index::answer::topic::ON_TOPIC
}

#[test]
fn a_topic_within_an_outlet_or_a_date_range() {
    let (_dir, lib) = library();
    let gazette = Scope {
        site: Some("harbour gazette".into()),
        ..Scope::default()
    };
    let t = lib.quotes_about("sanctions", &gazette).expect("searches");
    assert_eq!(names(&t), ["Amira Haddad"]);
    assert_eq!(t.speakers[0].documents, 1);
    assert!(t.speakers[0]
        .quotes
        .iter()
        .all(|q| q.site.as_deref() == Some("Harbour Gazette")));

    let since_2021 = Scope {
        since: Some("2021-01-01".into()),
        ..Scope::default()
    };
    let t = lib
        .quotes_about("sanctions", &since_2021)
        .expect("searches");
    // The 2022 article only: the undated one does not say when it was published.
    assert_eq!(t.speakers[0].documents, 1);
    assert!(t.speakers[0]
        .quotes
        .iter()
        .all(|q| q.published.as_deref() == Some("2022-09-02")));

    let nowhere = Scope {
        site: Some("No Such Paper".into()),
        ..Scope::default()
    };
    assert!(lib
        .quotes_about("sanctions", &nowhere)
        .expect("searches")
        .speakers
        .is_empty());
    let unknown = Scope {
        document: Some("no-such-document".into()),
        ..Scope::default()
    };
    assert!(lib.quotes_about("sanctions", &unknown).is_err());
}

#[test]
fn a_speakers_record_in_date_order_with_their_descriptions_and_company() {
    let (_dir, lib) = library();
    // Found by the other spelling.
    let r = lib
        .speaker_record("Amira Hadad")
        .expect("reads")
        .expect("found");
    assert_eq!(r.name, "Amira Haddad");
    assert_eq!(r.documents, 4);
    assert_eq!(r.quotes.len(), 8, "{:#?}", r.quotes);
    assert_eq!(r.quote_count, 8);
    // Its first quotes only (what the window shows first), still counting them all.
    let first = r.clone().first(3);
    assert_eq!(first.quotes, r.quotes[..3]);
    assert_eq!(first.quote_count, 8);
    let dates: Vec<Option<&str>> = r.quotes.iter().map(|q| q.published.as_deref()).collect();
    // Dated quotes in date order, the undated document's last.
    let dated: Vec<&str> = dates.iter().flatten().copied().collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert_eq!(dates.last(), Some(&None));
    assert_eq!(dates.first(), Some(&Some("2019-03-04")));
    // Within a document, in reading order.
    for w in r.quotes.windows(2) {
        if w[0].quote.document == w[1].quote.document {
            assert!(w[0].quote.start < w[1].quote.start);
        }
    }
    // The role changed: each description once, in the order first given.
    let described: Vec<&str> = r.descriptions.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(
        described,
        ["the deputy finance minister", "the finance minister"]
    );
    assert_eq!(r.descriptions[0].published.as_deref(), Some("2019-03-04"));
    assert_eq!(r.descriptions[1].published.as_deref(), Some("2022-09-02"));
    // Quoted alongside her: Okonkwo in two documents, Petrov in one.
    let alongside: Vec<(&str, usize)> = r
        .alongside
        .iter()
        .map(|a| (a.name.as_str(), a.documents))
        .collect();
    assert_eq!(alongside, [("Grace Okonkwo", 2), ("Lars Petrov", 1)]);

    assert!(lib
        .speaker_record("Zbigniew Nobody")
        .expect("reads")
        .is_none());
}
