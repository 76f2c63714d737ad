//! The documents' metadata in the command's JSON (docs/cli.md): `list --json` and `show
//! --json` give `authors`, `site`, `published`, `url` and `language`, null or empty when
//! the document does not say.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_verbatim");

fn json(library: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(BIN)
        .arg("--library")
        .arg(library)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

const PAGE: &str = r#"<!doctype html><html lang="en-GB"><head><title>Rivers rise | Daily Paper</title>
<link rel="canonical" href="https://paper.example/rivers">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Rivers rise across the valley",
"author":[{"name":"Jane Doe"},{"name":"John Roe"}],"publisher":{"name":"The Daily Paper"},
"datePublished":"2024-03-05T10:00:00+01:00"}</script></head>
<body><article><h1>Rivers rise across the valley</h1>
<p>Heavy rain pushed the river to its highest level in 40 years on Tuesday, officials in the valley said.</p>
<p>“We have never seen anything like this,” said Maria Lopez, the town’s mayor, as the water kept rising.</p>
<p>Police closed six roads near the old bridge, and the regional hospital said its wards were ready.</p>
</article></body></html>"#;

#[test]
fn list_and_show_give_the_metadata() {
    let dir = tempfile::tempdir().expect("tmp");
    let library = dir.path().join("lib");
    let page = dir.path().join("rivers.html");
    std::fs::write(&page, PAGE).expect("written");
    let added = json(
        &library,
        &["add", page.to_str().expect("utf-8 path"), "--json"],
    );
    let id = added[0]["id"].as_str().expect("an id").to_string();

    let list = json(&library, &["list", "--json"]);
    let rows = list.as_array().expect("rows");
    let row = rows
        .iter()
        .find(|r| r["id"] == id.as_str())
        .expect("the row");
    assert_eq!(row["authors"], serde_json::json!(["Jane Doe", "John Roe"]));
    assert_eq!(row["site"], "The Daily Paper");
    assert_eq!(row["published"], "2024-03-05T10:00:00+01:00");
    assert_eq!(row["url"], "https://paper.example/rivers");
    assert_eq!(row["language"], "en-GB");
    // The bundled article says nothing of itself: empty and null, not missing.
    let bundled = rows
        .iter()
        .find(|r| r["id"] == "moscow-beijing-alliance")
        .expect("the bundled article");
    assert_eq!(bundled["authors"], serde_json::json!([]));
    for key in ["site", "published", "url", "language", "description"] {
        assert!(bundled[key].is_null(), "{key}: {}", bundled[key]);
    }

    let shown = json(&library, &["show", &id, "--json"]);
    assert_eq!(shown["title"], "Rivers rise across the valley");
    assert_eq!(shown["authors"], row["authors"]);
    for key in ["site", "published", "url", "language", "description"] {
        assert_eq!(shown[key], row[key], "{key}");
    }
    assert!(shown["text"]
        .as_str()
        .expect("text")
        .contains("Maria Lopez"));
}
