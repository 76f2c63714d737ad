//! The bundled article's quotes and speakers against its gold file, and the patterns of
//! quotation in news, each on sentences written for it from the pattern's description (not
//! taken from any evaluation text), hard negatives included.

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

/// Whether the quotes hold one by `speaker` whose text starts with `start`, of `kind`.
fn has(q: &[(String, String, QuoteKind)], speaker: &str, start: &str, kind: QuoteKind) -> bool {
    q.iter()
        .any(|x| x.0 == speaker && x.1.starts_with(start) && x.2 == kind)
}

/// A direct quote with its cue after it, in the orders news uses: the verb before the
/// name, after it, and after an appositive; any style of marks.
#[test]
fn a_cue_after_the_quote_in_any_order() {
    let q = quotes(
        "“The pumps cannot keep up with the rain,” said Helen Carter.\n\
         \"We close the gates at midnight,\" Marco Bellini said.\n\
         «Tomorrow we count the damage», Ingrid Dahl, the harbour master, said.",
    );
    assert!(
        has(&q, "Helen Carter", "The pumps", QuoteKind::Direct),
        "{q:?}"
    );
    assert!(
        has(&q, "Marco Bellini", "We close", QuoteKind::Direct),
        "{q:?}"
    );
    assert!(
        has(&q, "Ingrid Dahl", "Tomorrow", QuoteKind::Direct),
        "{q:?}"
    );
}

/// A cue before the quote: a verb of saying with an object, then a colon.
#[test]
fn a_cue_before_the_quote_with_a_colon() {
    let q =
        quotes("Samuel Osei told the committee: “Every school in the district needs a new roof.”");
    assert!(
        has(&q, "Samuel Osei", "Every school", QuoteKind::Direct),
        "{q:?}"
    );
}

/// A pronoun speaker goes to the person named before it outside quotes; a name inside
/// someone else's quote makes no speaker.
#[test]
fn a_pronoun_takes_the_person_named_before_it() {
    let q = quotes(
        "Judge Amelia Stone read the verdict to a full courtroom.\n\n\
         “Nobody in this room is above the law, not even Victor Hale,” she said.",
    );
    assert!(
        has(&q, "Amelia Stone", "Nobody in this room", QuoteKind::Direct),
        "{q:?}"
    );
    assert!(q.iter().all(|x| x.0 != "Victor Hale"), "{q:?}");
}

/// Reported speech without marks: a verb of saying with a clause, the clause before the
/// attribution, an attribution in the middle of what it reports, and `according to`.
#[test]
fn reported_speech_without_marks() {
    let q = quotes(
        "Rosa Mendez said the ferry would stop running in January.\n\n\
         The bridge needs another two years of repairs, Daniel Price said.\n\n\
         The museum, Claire Dubois said, will reopen in the spring.\n\n\
         According to Tomasz Nowak, the mine has lost money for a decade.",
    );
    assert!(
        has(
            &q,
            "Rosa Mendez",
            "the ferry would stop",
            QuoteKind::Indirect
        ),
        "{q:?}"
    );
    assert!(
        has(&q, "Daniel Price", "The bridge needs", QuoteKind::Indirect),
        "{q:?}"
    );
    assert!(
        has(&q, "Claire Dubois", "will reopen", QuoteKind::Indirect),
        "{q:?}"
    );
    assert!(
        has(&q, "Tomasz Nowak", "the mine has lost", QuoteKind::Indirect),
        "{q:?}"
    );
}

/// A mixed quote: a reported clause with quoted words in it is one quote, the whole
/// clause, of kind partial (not also a quote of the quoted words alone).
#[test]
fn a_reported_clause_with_quoted_words_is_one_partial_quote() {
    let q = quotes("Nadia Haddad said the new budget was “a step backwards for every family”.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(
        has(&q, "Nadia Haddad", "the new budget was", QuoteKind::Partial),
        "{q:?}"
    );
}

/// A speaker without a name: a phrase headed by a noun that can speak.
#[test]
fn an_unnamed_speaker_by_its_description() {
    let q = quotes("“The line will be closed all weekend,” a spokeswoman for the railway said.");
    assert!(
        q.iter()
            .any(|x| x.0.ends_with("spokeswoman for the railway") && x.1.starts_with("The line")),
        "{q:?}"
    );
}

/// A title before a name is the description, not part of the name; a later mention by
/// the title alone is that person.
#[test]
fn a_title_is_a_description_and_names_its_holder_later() {
    let doc = analyse(
        "Governor Lucy Tran visited the flooded towns on Monday.\n\n\
         The governor said the army would bring drinking water.",
    );
    let q: Vec<(&str, QuoteKind)> = doc
        .quotes
        .iter()
        .map(|q| (q.speaker.as_str(), q.kind))
        .collect();
    assert_eq!(q, [("Lucy Tran", QuoteKind::Indirect)], "{:?}", doc.quotes);
}

/// A paragraph that only holds a quote, after a paragraph that ends with a reporting verb
/// and a colon: the speaker of that paragraph. Without the colon, nothing joins them.
#[test]
fn a_paragraph_ending_with_a_colon_introduces_the_next() {
    let q = quotes(
        "After the vote the mayor, Kofi Mensah, posted on social media:\n\n\
         “The tram will run again by autumn, whatever it costs.”",
    );
    assert!(
        has(&q, "Kofi Mensah", "The tram will run", QuoteKind::Direct),
        "{q:?}"
    );
    let q = quotes(
        "After the vote the mayor, Kofi Mensah, went home.\n\n\
         “The tram will run again by autumn, whatever it costs.”",
    );
    assert!(q.is_empty(), "{q:?}");
}

/// What is not a quote: scare quotes, titles of works, mentioned words, negated and
/// hypothetical speech, verbs of thinking, and verbs of saying with an infinitive.
#[test]
fn hard_negatives_are_not_quotes() {
    let text = "Critics mocked the so-called “green dividend” again. The choir sang “Silent Night” twice. \
        The word “literally” has lost its meaning. The minister did not say whether the tax would rise. \
        The minister would argue that the tax is fair. Pedro Alves believes the tax is unfair. \
        The union urged its members to vote against the plan.";
    let doc = analyse(text);
    assert!(doc.quotes.is_empty(), "{:?}", doc.quotes);
}

/// A quote over several paragraphs (each opening with a mark) is one speaker's.
#[test]
fn a_quote_over_several_paragraphs_keeps_its_speaker() {
    let q = quotes(
        "“The first thing we learned this year is that the river does not wait,\n\
         “and the second is that the town does not give up,” said Yusuf Demir.\n",
    );
    assert_eq!(q.len(), 2, "{q:?}");
    assert!(q.iter().all(|x| x.0 == "Yusuf Demir"), "{q:?}");
}

/// Spelling variants of one name in one article are one person.
#[test]
fn variants_of_a_name_are_one_person() {
    let doc = analyse(
        "“We will stay,” said Artyom Lukin.\nThe deal fell through. ‘It was never serious’, says Loekin.",
    );
    let speakers: Vec<&str> = doc.quotes.iter().map(|q| q.speaker.as_str()).collect();
    assert_eq!(speakers, vec!["Artyom Lukin", "Artyom Lukin"]);
    assert!(doc.people[0].aliases.contains(&"Loekin".to_string()));
}

/// An appositive with a clause of its own is the whole description, not cut at the clause's
/// verb; the description still ends where the appositive does.
#[test]
fn a_description_keeps_its_own_clause() {
    let doc = analyse(
        "The lab is the work of Elena Marsh, a chemist who is better known as Doctor Salt on the forums, and her team.\n\n\
         “We test every sample twice,” Marsh said.",
    );
    let marsh = doc
        .people
        .iter()
        .find(|p| p.name == "Elena Marsh")
        .unwrap_or_else(|| panic!("{:?}", doc.people));
    assert_eq!(
        marsh.description.as_deref(),
        Some("a chemist who is better known as Doctor Salt on the forums")
    );
}

/// A title the parse takes for the head of the name (`Mr Obama`) is still no part of it:
/// the person is the one the article names in full.
#[test]
fn a_title_at_the_head_of_a_name_is_not_the_name() {
    let doc = analyse(
        "Barack Obama spoke in Nairobi on Friday.\n\n\
         However, Mr Obama said race relations had improved during his presidency.",
    );
    let speakers: Vec<&str> = doc.quotes.iter().map(|q| q.speaker.as_str()).collect();
    assert_eq!(speakers, ["Barack Obama"], "{:?}", doc.quotes);
}
