//! `quotes --about TOPIC` and `speaker NAME` (docs/cli.md): the quotes on a topic grouped
//! by speaker, and a speaker's record in date order, in the contract's JSON shapes.

mod common;

use common::{json, run};

/// An article of `site` from `day` in which `who` speaks on the port strike.
fn article(site: &str, day: &str, who: &str, role: &str) -> String {
    format!(
        "---\ntitle: Port strike, day {day}\nsite: {site}\ndate: {day}\n---\n\n\
         The dockers stayed out for another day.\n\n\
         \u{201c}The strike will go on until the port authority talks to us,\u{201d} said {who}, {role}.\n\n\
         \u{201c}The weather was fine for the regatta,\u{201d} said Tomas Berg, a sailing coach.\n"
    )
}

fn library() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let library = dir.path().join("lib");
    let mut files = Vec::new();
    for (i, (site, day, who, role)) in [
        (
            "Port Herald",
            "2024-03-01",
            "Marta Quintero",
            "a union organiser",
        ),
        (
            "Evening Star",
            "2023-11-20",
            "Marta Quintero",
            "a union steward",
        ),
        ("Port Herald", "2024-05-09", "Ian Walsh", "a docker"),
    ]
    .into_iter()
    .enumerate()
    {
        let f = dir.path().join(format!("{i}.md"));
        std::fs::write(&f, article(site, day, who, role)).expect("written");
        files.push(f.display().to_string());
    }
    let mut args = vec!["add"];
    args.extend(files.iter().map(String::as_str));
    assert!(run(&library, &args).status.success());
    (dir, library)
}

#[test]
fn quotes_about_a_topic_grouped_by_speaker() {
    let (_dir, library) = library();
    let found = json(&library, &["quotes", "--about", "the strike", "--json"]);
    assert_eq!(found["about"], "the strike");
    let speakers = found["speakers"].as_array().expect("speakers");
    let names: Vec<&str> = speakers
        .iter()
        .map(|s| s["name"].as_str().expect("name"))
        .collect();
    // Quintero spoke on it twice, Walsh once; the sailing coach not at all.
    assert_eq!(names, ["Marta Quintero", "Ian Walsh"], "{found:#}");
    let quintero = &speakers[0];
    assert_eq!(quintero["documents"], 2);
    assert!(quintero["aliases"].is_array());
    assert!(quintero.get("description").is_some());
    for q in quintero["quotes"].as_array().expect("quotes") {
        // A quote object of the contract, with what cites it.
        for field in [
            "speaker",
            "text",
            "kind",
            "cue",
            "mention",
            "document",
            "paragraph",
            "start",
            "end",
        ] {
            assert!(q.get(field).is_some(), "{field} in {q}");
        }
        assert!(q["text"].as_str().expect("text").contains("strike"));
        assert!(q["site"].is_string() && q["published"].is_string() && q["title"].is_string());
    }

    // Within one outlet.
    let herald = json(
        &library,
        &[
            "quotes",
            "--about",
            "strike",
            "--site",
            "port herald",
            "--json",
        ],
    );
    let docs: Vec<usize> = herald["speakers"]
        .as_array()
        .expect("speakers")
        .iter()
        .map(|s| s["documents"].as_u64().expect("count") as usize)
        .collect();
    assert_eq!(docs, [1, 1]);

    // Readable output names the outlet and date of each quote.
    let out = run(&library, &["quotes", "--about", "strike"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Marta Quintero") && text.contains("Evening Star · 2023-11-20"),
        "{text}"
    );
    let nothing = run(&library, &["quotes", "--about", "volcano"]);
    assert!(String::from_utf8_lossy(&nothing.stdout).contains("Nobody is quoted on volcano"));

    // A scope is for a topic: with a name it is a usage error.
    let misuse = run(&library, &["quotes", "Quintero", "--site", "Port Herald"]);
    assert_eq!(misuse.status.code(), Some(2));
}

#[test]
fn a_speakers_record_in_date_order() {
    let (_dir, library) = library();
    let r = json(&library, &["speaker", "marta quinterro", "--json"]);
    assert_eq!(r["name"], "Marta Quintero");
    assert_eq!(r["documents"], 2);
    let dates: Vec<&str> = r["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .map(|q| q["published"].as_str().expect("date"))
        .collect();
    assert_eq!(dates, ["2023-11-20", "2024-03-01"]);
    let described: Vec<&str> = r["descriptions"]
        .as_array()
        .expect("descriptions")
        .iter()
        .map(|d| d["text"].as_str().expect("text"))
        .collect();
    assert_eq!(described, ["a union steward", "a union organiser"]);
    assert_eq!(r["alongside"][0]["name"], "Tomas Berg");
    assert_eq!(r["alongside"][0]["documents"], 2);
    // No one of that name: null, not an error.
    assert!(json(&library, &["speaker", "Nobody Atall", "--json"]).is_null());
}
