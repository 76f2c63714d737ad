//! The sentences attribution reads, analysed by the learned linguistic layer
//! (`verbatim_nlp`: words, parts of speech, lemmas, a dependency parse and named entities),
//! with their words placed in the document. Only the sentences attribution can use are
//! analysed (see [`Analyses::of`]): the layer is the costliest step of an import.

use crate::model::{BlockKind, Document, Span};
use crate::quotes::Marked;
use crate::text::lexicon::is_reporting_verb;
use std::ops::Range;
use verbatim_nlp::{DepRel, Entity, EntityKind, Parse, Upos};

/// One analysed sentence.
pub(super) struct Analysed {
    pub block: usize,
    /// The sentence in the document.
    pub span: Span,
    pub parse: Parse,
}

impl Analysed {
    /// Where word `i` stands in the document.
    pub fn word(&self, i: usize) -> Span {
        let w = self.parse.words[i];
        Span::new(self.span.start + w.start, self.span.start + w.end)
    }

    /// Where words `r` stand in the document (from the first's start to the last's end).
    pub fn words(&self, r: Range<usize>) -> Span {
        let b = self.parse.byte_range(r);
        Span::new(self.span.start + b.start, self.span.start + b.end)
    }

    pub fn len(&self) -> usize {
        self.parse.len()
    }

    pub fn lemma(&self, i: usize) -> &str {
        self.parse.lemma(i)
    }

    pub fn upos(&self, i: usize) -> Upos {
        self.parse.upos.get(i).copied().unwrap_or(Upos::X)
    }

    pub fn deprel(&self, i: usize) -> DepRel {
        self.parse.deprel(i)
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.parse.head(i)
    }

    /// The lowercase form of word `i`.
    pub fn lower(&self, i: usize) -> String {
        self.parse.word(i).to_lowercase()
    }

    /// Whether word `i` lies inside `s`.
    pub fn inside(&self, i: usize, s: Span) -> bool {
        s.contains(self.word(i))
    }

    /// The dependents of word `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.parse.children(i)
    }

    /// The words below `i` (itself included), as a range.
    pub fn subtree(&self, i: usize) -> Range<usize> {
        self.parse.subtree_span(i)
    }

    /// The entity holding word `i`, if it can say something: a person, an organisation,
    /// or a place standing for its government or people.
    pub fn speaking_entity(&self, i: usize) -> Option<&Entity> {
        self.parse
            .entity_at(i)
            .filter(|e| e.kind != EntityKind::Other)
    }
}

/// How much of a sentence attribution reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Want {
    No,
    /// Tags and entities: the sentence before a cue.
    Entities,
    /// Everything: a sentence with a cue, or a description after one.
    Parse,
}

/// The analysed sentences of a document, in text order.
pub(super) struct Analyses {
    pub sentences: Vec<Analysed>,
}

impl Analyses {
    /// Analyses the sentences attribution reads: those with a reporting verb, `according
    /// to` or a colon, parsed, with the one after each when it opens with a description (read
    /// from its parse); the sentence before each of them with tags and entities only: it
    /// gives pronouns their antecedents and names their kinds, and its parse changed no
    /// attribution on the news dev pages while costing a third of the import's parsing.
    pub fn of(doc: &Document, marked: &[Marked]) -> Analyses {
        let all: Vec<(usize, Span)> = doc
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind != BlockKind::Heading)
            .flat_map(|(i, b)| b.sentences.iter().map(move |s| (i, *s)))
            .collect();
        let mut want = vec![Want::No; all.len()];
        for (k, (_, s)) in all.iter().enumerate() {
            if is_candidate(doc, *s, marked) && has_cue(s.text(&doc.text)) {
                // With the sentence before it (a pronoun's antecedent, a colon's speaker),
                // and the one after it when that one opens with a description of someone
                // (`This specialist in ... has ...`).
                want[k] = Want::Parse;
                if k > 0 {
                    want[k - 1] = want[k - 1].max(Want::Entities);
                }
                if let Some((_, next)) = all.get(k + 1) {
                    if opens_with_description(next.text(&doc.text)) {
                        want[k + 1] = Want::Parse;
                    }
                }
            }
        }
        let wanted: Vec<(usize, Span, bool)> = all
            .into_iter()
            .zip(want)
            .filter(|(_, w)| *w != Want::No)
            .map(|((b, s), w)| (b, s, w == Want::Parse))
            .collect();
        // Analysed together: a name's kind is voted over all its mentions in these
        // sentences (`Kuhrt:` after `Natasha Kuhrt`, a person).
        let texts: Vec<(&str, bool)> = wanted
            .iter()
            .map(|(_, s, parse)| (s.text(&doc.text), *parse))
            .collect();
        let sentences = wanted
            .iter()
            .zip(verbatim_nlp::analyse_document_parsing(&texts))
            .map(|(&(block, span, _), parse)| Analysed { block, span, parse })
            .collect();
        Analyses { sentences }
    }

    /// Parses the sentences holding these positions that were analysed without a parse
    /// (their entities, voted over the document, are kept).
    pub fn parse_at(&mut self, positions: impl Iterator<Item = usize>) {
        for pos in positions {
            if let Some(a) = self
                .sentences
                .iter_mut()
                .find(|a| a.span.start <= pos && pos < a.span.end.max(a.span.start + 1))
                .filter(|a| !a.parse.parsed)
            {
                a.parse = verbatim_nlp::parse_again(&a.parse);
            }
        }
    }

    /// The analysed sentence holding position `pos`.
    pub fn at(&self, pos: usize) -> Option<&Analysed> {
        self.sentences
            .iter()
            .find(|a| a.span.start <= pos && pos < a.span.end.max(a.span.start + 1))
    }

    /// The analysed sentences before position `pos`, nearest first.
    pub fn before(&self, pos: usize) -> impl Iterator<Item = &Analysed> + '_ {
        self.sentences
            .iter()
            .rev()
            .filter(move |a| a.span.start < pos)
    }
}

/// Whether a sentence that may hold a cue does, by the tagger's word classes and lemmas:
/// a verb of saying (not `the state`, `a report`), `according to`, or a colon. Tagging is
/// several times cheaper than parsing.
fn has_cue(text: &str) -> bool {
    if text.contains(':') {
        return true;
    }
    let tagged = verbatim_nlp::tag_only(text);
    (0..tagged.len()).any(|i| {
        let verb = matches!(tagged.upos.get(i), Some(Upos::Verb))
            && crate::text::lexicon::is_reporting_lemma(tagged.lemma(i));
        verb || tagged.word(i).eq_ignore_ascii_case("according")
    })
}

/// Whether a sentence opens with `This`, `That` or `The` and a lowercase word (`This
/// specialist in ...`): a description of someone just named.
fn opens_with_description(text: &str) -> bool {
    let mut words = text.split_whitespace();
    matches!(words.next(), Some("This" | "That" | "The"))
        && words
            .next()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_lowercase)
}

/// Whether a sentence can hold a cue: a reporting verb, `according to`, or a colon (before
/// a quote, or closing the sentence before one). A sentence with a quote and no cue takes
/// its speaker from the quotes around it, and needs no analysis of its own.
fn is_candidate(doc: &Document, s: Span, marked: &[Marked]) -> bool {
    let text = s.text(&doc.text);
    if text.trim_end().ends_with(':')
        || text.contains(':') && marked.iter().any(|m| m.outer.overlaps(s))
    {
        return true;
    }
    let mut previous = "";
    for w in text.split(|c: char| !c.is_alphanumeric() && c != '\'') {
        if w.is_empty() {
            continue;
        }
        let lower = w.to_ascii_lowercase();
        if is_reporting_verb(&lower) || (previous == "according" && lower == "to") {
            return true;
        }
        previous = if lower == "according" {
            "according"
        } else {
            ""
        };
    }
    false
}
