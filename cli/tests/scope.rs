//! Asking part of the library (docs/cli.md): `ask --document ID`, `--site NAME`, `--since
//! DAY`, `--until DAY`; every passage comes from the documents in scope.

mod common;

use common::{json, run};

/// A saved page of `site`, published on `day`, about the same flood as the others.
fn page(site: &str, day: &str, town: &str) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><title>Flood in {town}</title>
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{day}T09:00:00Z"></head>
<body><article><h1>Flood in {town}</h1>
<p>The river burst its banks in {town} on Monday and the water reached the market square before dawn.</p>
<p>Volunteers filled sandbags through the night while the fire brigade pumped out the cellars.</p>
</article></body></html>"#
    )
}

fn documents_of(answer: &serde_json::Value) -> Vec<String> {
    answer["passages"]
        .as_array()
        .expect("passages")
        .iter()
        .map(|p| p["document"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn each_scope_answers_only_from_its_documents() {
    let dir = tempfile::tempdir().expect("tmp");
    let library = dir.path().join("lib");
    let mut files = Vec::new();
    for (name, site, day, town) in [
        ("a.html", "The Valley Courier", "2023-05-02", "Ashford"),
        ("b.html", "Riverside News", "2024-01-15", "Brampton"),
        ("c.html", "Riverside News", "2024-06-30", "Carlow"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, page(site, day, town)).expect("written");
        files.push(path.to_string_lossy().into_owned());
    }
    let mut add = vec!["add"];
    add.extend(files.iter().map(String::as_str));
    let out = run(&library, &add);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = json(&library, &["list", "--json"]);
    let id_of = |site: &str, day: &str| -> String {
        list.as_array()
            .expect("list")
            .iter()
            .find(|d| {
                d["site"] == site && d["published"].as_str().is_some_and(|p| p.starts_with(day))
            })
            .unwrap_or_else(|| panic!("no {site} of {day} in {list}"))["id"]
            .as_str()
            .expect("id")
            .to_string()
    };
    let (a, b, c) = (
        id_of("The Valley Courier", "2023-05-02"),
        id_of("Riverside News", "2024-01-15"),
        id_of("Riverside News", "2024-06-30"),
    );
    let q = "Where did the river burst its banks?";
    let everything = documents_of(&json(&library, &["ask", q, "--json", "--top", "10"]));
    for id in [&a, &b, &c] {
        assert!(everything.contains(id), "{everything:?}");
    }
    let cases: [(&[&str], Vec<&String>); 4] = [
        (&["--document", &b], vec![&b]),
        (&["--site", "riverside news"], vec![&b, &c]),
        (&["--since", "2024-02-01"], vec![&c]),
        (
            &["--until", "2024-01-31", "--site", "The Valley Courier"],
            vec![&a],
        ),
    ];
    for (scope, allowed) in cases {
        let mut args = vec!["ask", q, "--json", "--top", "10"];
        args.extend_from_slice(scope);
        let answer = json(&library, &args);
        let got = documents_of(&answer);
        assert!(!got.is_empty(), "{scope:?}: no passages");
        assert!(
            got.iter().all(|d| allowed.contains(&d)),
            "{scope:?}: {got:?} outside {allowed:?}"
        );
        assert_eq!(answer["answered"], true, "{scope:?}");
    }
    // A scope no document falls in: not answered, nothing shown.
    let none = json(&library, &["ask", q, "--json", "--since", "2030-01-01"]);
    assert_eq!(none["answered"], false);
    assert!(documents_of(&none).is_empty());
}

#[test]
fn a_bad_scope_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let library = dir.path().join("lib");
    let out = run(&library, &["ask", "anything", "--document", "no-such-id"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no document with id 'no-such-id'"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&library, &["ask", "anything", "--since", "last week"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
