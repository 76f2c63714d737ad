//! The bundled article's quotes and speakers against its gold file, and the quote patterns
//! on sentences written for these tests (including hard negatives).

use serde_json::Value;
use verbatim_index::attribution::matching as names;
use verbatim_index::library::bundled_document;
use verbatim_index::{ingest, pipeline, Document, QuoteKind};

fn gold() -> Value {
    serde_json::from_str(include_str!("fixtures/moscow-beijing-quotes.json")).expect("gold JSON")
}

/// Converts code point offsets (the gold's) to byte offsets.
fn byte_offset(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

#[test]
fn all_eight_gold_quotes_with_speaker_and_kind() {
    let doc = bundled_document();
    let gold = gold();
    for g in gold["quotes"].as_array().expect("quotes") {
        let start = byte_offset(&doc.text, g["char_start"].as_u64().expect("start") as usize);
        let end = byte_offset(&doc.text, g["char_end"].as_u64().expect("end") as usize);
        let found = doc
            .quotes
            .iter()
            .find(|q| q.start < end && start < q.end)
            .unwrap_or_else(|| panic!("gold quote not found: {}", g["text"]));
        assert_eq!(
            found.speaker,
            g["speaker"].as_str().expect("speaker"),
            "speaker of {}",
            g["text"]
        );
        let kind = match found.kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Partial => "partial",
        };
        assert_eq!(
            kind,
            g["kind"].as_str().expect("kind"),
            "kind of {}",
            g["text"]
        );
        assert_eq!(
            &doc.text[found.start..found.end],
            found.text,
            "offsets are verbatim"
        );
        if let Some(m) = &found.mention {
            assert_eq!(&doc.text[m.start..m.end], m.text);
        }
    }
}

#[test]
fn only_the_four_gold_speakers_with_descriptions() {
    let doc = bundled_document();
    let gold = gold();
    let mut speakers: Vec<&str> = doc.quotes.iter().map(|q| q.speaker.as_str()).collect();
    speakers.sort_unstable();
    speakers.dedup();
    let mut expected: Vec<&str> = gold["speakers"]
        .as_array()
        .expect("speakers")
        .iter()
        .map(|s| s["name"].as_str().expect("name"))
        .collect();
    expected.sort_unstable();
    assert_eq!(speakers, expected);
    for s in gold["speakers"].as_array().expect("speakers") {
        let name = s["name"].as_str().expect("name");
        let person = doc
            .people
            .iter()
            .find(|p| p.name == name)
            .expect("a person per speaker");
        let description = person
            .description
            .as_deref()
            .unwrap_or_default()
            .replace('’', "'");
        let want = s["description"]
            .as_str()
            .expect("description")
            .replace('’', "'");
        assert!(
            description.contains(want.trim_start_matches("a "))
                || want.contains(&description) && !description.is_empty(),
            "{name}: {description:?} vs {want:?}"
        );
        for m in s["mentions"].as_array().expect("mentions") {
            let m = m.as_str().expect("mention");
            let forms: Vec<&str> = std::iter::once(person.name.as_str())
                .chain(person.aliases.iter().map(String::as_str))
                .collect();
            assert!(
                names::match_score(m, &forms) >= names::SAME_TOKEN,
                "{name} is not found as {m}"
            );
        }
    }
}

fn analyse(text: &str) -> Document {
    let extracted = ingest::extract("t.txt", text.as_bytes()).expect("text extracts");
    pipeline::analyse("t", "T".into(), None, extracted)
}

fn quotes(text: &str) -> Vec<(String, String, QuoteKind)> {
    analyse(text)
        .quotes
        .into_iter()
        .map(|q| (q.speaker, q.text, q.kind))
        .collect()
}

/// The speaker of the text's one quote.
fn only_speaker(text: &str) -> String {
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    q[0].0.clone()
}

#[test]
fn cue_orders_and_styles() {
    let q = quotes("“The river is rising,” said Maria Lopez, the mayor.\n«Nous partirons demain», a dit Jean Dupont.\n\"We are ready,\" Tom Baker told reporters.\nDr. Ana Ruiz, a physician at the clinic, said: “Nobody was hurt.”");
    assert!(
        q.contains(&(
            "Maria Lopez".into(),
            "The river is rising,".into(),
            QuoteKind::Direct
        )),
        "{q:?}"
    );
    assert!(
        q.iter()
            .any(|x| x.0 == "Tom Baker" && x.1 == "We are ready,"),
        "{q:?}"
    );
    assert!(
        q.iter()
            .any(|x| x.0 == "Ana Ruiz" && x.1 == "Nobody was hurt."),
        "{q:?}"
    );
}

#[test]
fn pronouns_go_to_the_nearest_person_named_outside_quotes() {
    let q = quotes("Senator Jane Hill spoke after the vote. “This is a good day,” she said. “Even Bob Stone agrees.”");
    assert_eq!(q[0].0, "Jane Hill", "{q:?}");
    assert!(
        q.iter().all(|x| x.0 != "Bob Stone"),
        "mentioned inside a quote is not a speaker: {q:?}"
    );
}

#[test]
fn multi_paragraph_quotes_continue() {
    let q = quotes("“The first part of what I have to say is long enough to matter,\n“and the second part follows in the next paragraph,” said Omar Haddad.\n");
    assert_eq!(q.len(), 2, "{q:?}");
    assert!(q.iter().all(|x| x.0 == "Omar Haddad"), "{q:?}");
}

#[test]
fn hard_negatives_are_not_quotes() {
    let text = "Critics mocked the so-called “peace dividend” again. The Soviets’ advisers left in 1960. She read “War and Peace” twice. It’s the government’s plan, and they don’t like it.";
    let doc = analyse(text);
    assert!(doc.quotes.is_empty(), "{:?}", doc.quotes);
}

#[test]
fn indirect_statements_and_according_to() {
    let q = quotes("Prices will rise again next year, says Karen Olsen, an economist at the bank.\nAccording to Peter Wong, the company lost money in every quarter.");
    assert!(
        q.iter().any(|x| x.0 == "Karen Olsen"
            && x.2 == QuoteKind::Indirect
            && x.1.starts_with("Prices will rise")),
        "{q:?}"
    );
    assert!(
        q.iter()
            .any(|x| x.0 == "Peter Wong" && x.1.starts_with("the company lost money")),
        "{q:?}"
    );
}

#[test]
fn variants_of_a_name_are_one_person() {
    let doc = analyse("“We will stay,” said Artyom Lukin.\nThe deal fell through. ‘It was never serious’, says Loekin.");
    let speakers: Vec<&str> = doc.quotes.iter().map(|q| q.speaker.as_str()).collect();
    assert_eq!(speakers, vec!["Artyom Lukin", "Artyom Lukin"]);
    assert!(doc.people[0].aliases.contains(&"Loekin".to_string()));
}

#[test]
fn a_paragraph_ending_in_a_colon_introduces_the_quote_below_it() {
    let q = quotes("Councillor Priya Nair wrote on her website:\n\n“The bridge will reopen in spring. Nobody should drive around the barriers until then.”\n\nThe works began in May.");
    assert_eq!(
        q.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        vec!["Priya Nair"],
        "{q:?}"
    );
    // Without the colon, the paragraphs are not joined.
    let q = quotes("Councillor Priya Nair wrote on her website.\n\n“The bridge will reopen in spring. Nobody should drive around the barriers until then.”");
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn a_colon_after_a_clause_with_a_person_as_subject() {
    assert_eq!(only_speaker("During the budget debate, Ortega defended the plan while the opposition jeered: “Every school gets a new roof before winter, and no teacher loses a job.”"), "Ortega");
    // A thing as the subject is not a speaker.
    let q = quotes("The report listed three causes: “Cheap loans, empty offices and a slow court system all played a part.”");
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn reporting_verbs_in_any_regular_form() {
    let q = quotes("The city council reasoned, “because the pool is closed in winter, the fee cannot be charged.”\n\n“We will appeal,” Hana Sato, the club's lawyer, retorted.");
    assert!(
        q.iter()
            .any(|x| x.0 == "The city council" && x.1.starts_with("because the pool")),
        "{q:?}"
    );
    assert!(
        q.iter()
            .any(|x| x.0 == "Hana Sato" && x.1 == "We will appeal,"),
        "{q:?}"
    );
}

#[test]
fn a_reporting_verb_opening_a_sentence_is_not_a_name() {
    assert_eq!(only_speaker("Writing in a blog post, Maya Fischer of the Daily Ledger called the dispute: “a quarrel that will outlast us all, whoever wins the vote.”"), "Maya Fischer");
}

#[test]
fn a_pronoun_refers_to_the_subject_before_the_objects() {
    assert_eq!(only_speaker("Lena Okafor won the Golden Boot Award. She said, “The whole team scored this one with me.”"), "Lena Okafor");
}

#[test]
fn a_title_with_a_department_is_not_part_of_the_name() {
    assert_eq!(only_speaker("Minister of Health Ana Costa said the clinics would open “within the month, in every district”."), "Ana Costa");
}

#[test]
fn they_is_a_group_already_quoted_not_the_last_person_named() {
    let q = quotes("The survey's authors said, “The results were clear.” Families in Greater Manchester were hit hardest. They call for “a national plan before next winter”.");
    let plan = q.iter().find(|x| x.1.starts_with("a national plan"));
    assert!(plan.is_none_or(|x| x.0 != "Greater Manchester"), "{q:?}");
    assert_eq!(
        plan.map(|x| x.0.as_str()),
        Some("The survey's authors"),
        "{q:?}"
    );
}
