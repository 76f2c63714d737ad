//! Verbatim's learned linguistic layer: tokenisation, part-of-speech tags (UPOS and Penn
//! XPOS), lemmas, labelled dependency parses (Universal Dependencies) and named entities, for
//! English, in pure Rust with the weights inside the binary.
//!
//! ```
//! let p = verbatim_nlp::analyse("\"The plan will fail,\" said Maria Lopez, a lawyer in Lima.");
//! let said = (0..p.len()).find(|&i| p.word(i) == "said").unwrap();
//! assert_eq!(p.lemma(said), "say");
//! for e in &p.entities {
//!     println!("{} {:?}", p.words_text(e.words.clone()), e.kind);
//! }
//! ```
//!
//! * [`tokenize`]: words of a text as byte spans (UD English conventions).
//! * [`analyse`] / [`analyse_words`]: everything for one sentence.
//! * [`tag_only`] / [`tag_only_words`]: tags and lemmas only (about a tenth of the cost).
//! * [`verb_lemma`]: the lemma of a word as a verb, whatever its tag.
//!
//! All functions take any `&str` and never panic. The models load once, lazily, on first
//! use (a few milliseconds); [`warm_up`] loads them ahead of time. Inputs longer than
//! [`MAX_PARSE_WORDS`] words are parsed in consecutive chunks of at most that many words
//! (cut after the last `.`, `!`, `?`, `;` or `:` of the chunk when there is one, else at the
//! limit): each chunk has its own root. Tagging and entities run over the whole input.
//!
//! Offsets are bytes into the string passed in. The models were trained on UD_English-EWT and
//! UD_English-GUM v2.16 (see the crate README for scores and the attribution a product must
//! carry).

pub mod features;
pub mod hash;
pub mod lemma;
pub mod model;
pub mod ner;
pub mod parser;
pub mod tagger;
pub mod tags;
mod tokenize;

use std::cell::RefCell;
use std::ops::Range;
use std::sync::OnceLock;

pub use tags::{DepRel, EntityKind, Upos, XPOS_TAGS};
pub use tokenize::{tokenize, tokenize_into};

/// A byte range of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// As a range.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// A named entity: a run of words.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entity {
    /// Word indices (`start..end`).
    pub words: Range<usize>,
    /// Kind.
    pub kind: EntityKind,
}

/// Longest run of words parsed as one tree.
pub const MAX_PARSE_WORDS: usize = 200;

/// The analysis of one sentence. All vectors have one element per word.
#[derive(Clone, Debug, Default)]
pub struct Parse {
    /// The sentence as given.
    pub text: String,
    /// Words (byte spans of `text`).
    pub words: Vec<Span>,
    /// Universal part-of-speech tags.
    pub upos: Vec<Upos>,
    /// Penn Treebank tags (`"NN"`, `"VBD"`, ...; see [`XPOS_TAGS`]).
    pub xpos: Vec<&'static str>,
    /// Head of each word (`None` for a root; see [`MAX_PARSE_WORDS`] for long inputs). All
    /// `None` after [`tag_only`].
    pub heads: Vec<Option<usize>>,
    /// Relation of each word to its head (`Root` for roots; `Dep` after [`tag_only`]).
    pub deprels: Vec<DepRel>,
    /// Named entities, in order, not overlapping (empty after [`tag_only`]; the same after
    /// [`tag_and_entities`] as after [`analyse`]).
    pub entities: Vec<Entity>,
    /// Whether `heads` and `deprels` were computed (false after [`tag_only`] and
    /// [`tag_and_entities`]).
    pub parsed: bool,
    lemma_buf: String,
    lemma_ends: Vec<u32>,
}

impl Parse {
    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }
    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
    /// The text of word `i` (`""` out of range).
    pub fn word(&self, i: usize) -> &str {
        self.words
            .get(i)
            .and_then(|s| self.text.get(s.start..s.end))
            .unwrap_or("")
    }
    /// The lemma of word `i` (`""` out of range).
    pub fn lemma(&self, i: usize) -> &str {
        let Some(&end) = self.lemma_ends.get(i) else {
            return "";
        };
        let start = if i == 0 {
            0
        } else {
            self.lemma_ends.get(i - 1).copied().unwrap_or(0)
        };
        self.lemma_buf
            .get(start as usize..end as usize)
            .unwrap_or("")
    }
    /// All lemmas.
    pub fn lemmas(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(move |i| self.lemma(i))
    }
    /// The head of word `i`.
    pub fn head(&self, i: usize) -> Option<usize> {
        self.heads.get(i).copied().flatten()
    }
    /// The relation of word `i` (`Dep` out of range).
    pub fn deprel(&self, i: usize) -> DepRel {
        self.deprels.get(i).copied().unwrap_or(DepRel::Dep)
    }
    /// The roots (one per parsed chunk; usually one; none after [`tag_only`]).
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter(move |&i| self.parsed && self.heads[i].is_none())
    }
    /// The dependents of word `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.heads
            .iter()
            .enumerate()
            .filter(move |(_, h)| **h == Some(i))
            .map(|(j, _)| j)
    }
    /// The dependents of `i` whose relation's universal part is `rel` (`Nsubj` finds
    /// `nsubj` and `nsubj:pass`).
    pub fn children_with(&self, i: usize, rel: DepRel) -> impl Iterator<Item = usize> + '_ {
        let rel = rel.universal();
        self.children(i)
            .filter(move |&j| self.deprels[j].universal() == rel)
    }
    /// The subjects of `i` (`nsubj`, `nsubj:pass`, `nsubj:outer`, `csubj`, ...).
    pub fn subjects(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(i)
            .filter(move |&j| self.deprels[j].is_subject())
    }
    /// Word range covered by the subtree of `i` (`i..i+1` when it has no dependents; the
    /// smallest range holding all descendants, which is exact for projective trees).
    pub fn subtree_span(&self, i: usize) -> Range<usize> {
        if i >= self.len() {
            return 0..0;
        }
        let (mut lo, mut hi) = (i, i);
        for j in 0..self.len() {
            if j != i && self.is_ancestor(i, j) {
                lo = lo.min(j);
                hi = hi.max(j);
            }
        }
        lo..hi + 1
    }
    /// Whether `a` dominates `b` (a word dominates itself).
    pub fn is_ancestor(&self, a: usize, b: usize) -> bool {
        let mut x = b;
        for _ in 0..=self.len() {
            if x == a {
                return true;
            }
            match self.head(x) {
                Some(h) => x = h,
                None => return false,
            }
        }
        false
    }
    /// Byte range of the words `r` in `text` (empty at 0 for an empty or invalid range).
    pub fn byte_range(&self, r: Range<usize>) -> Range<usize> {
        match (
            self.words.get(r.start),
            r.end.checked_sub(1).and_then(|e| self.words.get(e)),
        ) {
            (Some(a), Some(b)) if r.start < r.end => a.start..b.end,
            _ => 0..0,
        }
    }
    /// The text of the words `r` (with the spacing of the input).
    pub fn words_text(&self, r: Range<usize>) -> &str {
        self.text.get(self.byte_range(r)).unwrap_or("")
    }
    /// The entity holding word `i`.
    pub fn entity_at(&self, i: usize) -> Option<&Entity> {
        self.entities.iter().find(|e| e.words.contains(&i))
    }
    /// The word of an entity whose head lies outside it (the last such word; its syntactic
    /// head within the sentence).
    pub fn entity_head(&self, e: &Entity) -> usize {
        let mut best = e.words.end.saturating_sub(1);
        for i in e.words.clone() {
            match self.head(i) {
                Some(h) if e.words.contains(&h) => {}
                _ => best = i,
            }
        }
        best
    }
}

/// All four models.
#[derive(Debug, Default)]
pub struct Pipeline {
    /// Tagger (`None` when its file did not load).
    pub tagger: Option<tagger::Tagger>,
    /// Lemmatiser.
    pub lemmatizer: Option<lemma::Lemmatizer>,
    /// Parser.
    pub parser: Option<parser::Parser>,
    /// Entity recogniser.
    pub ner: Option<ner::Ner>,
    /// Load errors, by model.
    pub errors: Vec<String>,
}

static TAGGER_BIN: &[u8] = include_bytes!("../models/tagger.bin");
static LEMMA_BIN: &[u8] = include_bytes!("../models/lemma.bin");
static PARSER_BIN: &[u8] = include_bytes!("../models/parser.bin");
static NER_BIN: &[u8] = include_bytes!("../models/ner.bin");

static SHIPPED: OnceLock<Pipeline> = OnceLock::new();

#[derive(Default)]
struct Scratch {
    atoms: Vec<features::Atoms>,
    chunk: Vec<features::Atoms>,
    buf: String,
    buf2: String,
    feats: Vec<u64>,
    scores: Vec<f32>,
    classes: Vec<u8>,
    tag_hashes: Vec<u64>,
    upos_hashes: Vec<u64>,
    amb: Vec<u64>,
    state: parser::State,
    nscratch: ner::Scratch,
    ents: Vec<(usize, usize, EntityKind)>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// How much of the analysis to compute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Tags and lemmas.
    Tags,
    /// Tags, lemmas and entities.
    Entities,
    /// Everything.
    Full,
}

/// The names met so far in a document, so that a name mentioned again takes the kind the
/// document gives it (`Costa` after `Ana Costa`, a person): each entity's kind is chosen by
/// its own scores and those of the earlier mentions of the same words, or for a name of one
/// word, of the longer names it starts or ends ([`ner::vote`]). Analyse a document's
/// sentences in order through one context (all of them, or
/// [`DocumentContext::tag_and_entities`] for those that need no parse: names are
/// remembered either way). [`analyse_document`] does better when all the sentences are at
/// hand: it also reads the mentions after.
#[derive(Clone, Debug, Default)]
pub struct DocumentContext {
    found: Vec<ner::Found>,
}

impl DocumentContext {
    /// A context for a new document.
    pub fn new() -> DocumentContext {
        DocumentContext::default()
    }
    /// [`analyse`] for the next sentence of the document.
    pub fn analyse(&mut self, sentence: &str) -> Parse {
        Pipeline::shipped().analyse_in(sentence, self)
    }
    /// [`tag_and_entities`] for the next sentence of the document.
    pub fn tag_and_entities(&mut self, sentence: &str) -> Parse {
        Pipeline::shipped().tag_and_entities_in(sentence, self)
    }
}

impl Pipeline {
    /// The models shipped in this crate (loaded on first call).
    pub fn shipped() -> &'static Pipeline {
        SHIPPED.get_or_init(|| Pipeline::from_bytes(TAGGER_BIN, LEMMA_BIN, PARSER_BIN, NER_BIN))
    }

    /// Models from file contents (a model that does not load is left out, its error in
    /// `errors`).
    pub fn from_bytes(tagger: &[u8], lemma: &[u8], parser: &[u8], ner: &[u8]) -> Pipeline {
        let mut errors = Vec::new();
        fn ok<T>(
            errors: &mut Vec<String>,
            name: &str,
            r: Result<T, model::FormatError>,
        ) -> Option<T> {
            match r {
                Ok(m) => Some(m),
                Err(e) => {
                    errors.push(format!("{name}: {e}"));
                    None
                }
            }
        }
        let tagger = ok(&mut errors, "tagger", tagger::Tagger::from_bytes(tagger));
        let lemmatizer = ok(&mut errors, "lemma", lemma::Lemmatizer::from_bytes(lemma));
        let parser = ok(&mut errors, "parser", parser::Parser::from_bytes(parser));
        let ner = ok(&mut errors, "ner", ner::Ner::from_bytes(ner));
        Pipeline {
            tagger,
            lemmatizer,
            parser,
            ner,
            errors,
        }
    }

    /// Tokenises and analyses a sentence.
    pub fn analyse(&self, sentence: &str) -> Parse {
        let words = tokenize(sentence);
        self.run(sentence, words, Mode::Full, None)
    }

    /// Analyses a sentence with given words (spans of `sentence`; spans that are empty, out
    /// of range, not on character boundaries or overlapping the previous one are dropped).
    pub fn analyse_words(&self, sentence: &str, words: &[Span]) -> Parse {
        self.run(sentence, clean_spans(sentence, words), Mode::Full, None)
    }

    /// [`Pipeline::analyse`] for the next sentence of a document.
    pub fn analyse_in(&self, sentence: &str, doc: &mut DocumentContext) -> Parse {
        let words = tokenize(sentence);
        self.run(sentence, words, Mode::Full, Some(doc))
    }

    /// [`Pipeline::analyse_words`] for the next sentence of a document.
    pub fn analyse_words_in(
        &self,
        sentence: &str,
        words: &[Span],
        doc: &mut DocumentContext,
    ) -> Parse {
        self.run(
            sentence,
            clean_spans(sentence, words),
            Mode::Full,
            Some(doc),
        )
    }

    /// Tags, lemmas and entities, no parse (`parsed == false`, heads all `None`).
    pub fn tag_and_entities(&self, sentence: &str) -> Parse {
        let words = tokenize(sentence);
        self.run(sentence, words, Mode::Entities, None)
    }

    /// [`Pipeline::tag_and_entities`] with given words.
    pub fn tag_and_entities_words(&self, sentence: &str, words: &[Span]) -> Parse {
        self.run(sentence, clean_spans(sentence, words), Mode::Entities, None)
    }

    /// [`Pipeline::tag_and_entities`] for the next sentence of a document.
    pub fn tag_and_entities_in(&self, sentence: &str, doc: &mut DocumentContext) -> Parse {
        let words = tokenize(sentence);
        self.run(sentence, words, Mode::Entities, Some(doc))
    }

    /// [`Pipeline::tag_and_entities_words`] for the next sentence of a document.
    pub fn tag_and_entities_words_in(
        &self,
        sentence: &str,
        words: &[Span],
        doc: &mut DocumentContext,
    ) -> Parse {
        self.run(
            sentence,
            clean_spans(sentence, words),
            Mode::Entities,
            Some(doc),
        )
    }

    /// The sentences of a document, each analysed with the names of the whole document
    /// (the kinds of the entities chosen by [`ner::vote`] over all their mentions).
    pub fn analyse_document(&self, sentences: &[&str]) -> Vec<Parse> {
        self.document(sentences.iter().map(|s| (*s, tokenize(s), Mode::Full)))
    }

    /// [`Pipeline::tag_and_entities`] for the sentences of a document, with the names of the
    /// whole document as [`Pipeline::analyse_document`].
    pub fn tag_and_entities_document(&self, sentences: &[&str]) -> Vec<Parse> {
        self.document(sentences.iter().map(|s| (*s, tokenize(s), Mode::Entities)))
    }

    /// [`Pipeline::analyse_document`] with given words for each sentence.
    pub fn analyse_document_words(&self, sentences: &[(&str, &[Span])]) -> Vec<Parse> {
        self.document(
            sentences
                .iter()
                .map(|(s, w)| (*s, clean_spans(s, w), Mode::Full)),
        )
    }

    /// [`Pipeline::analyse_document`] where only the sentences marked `true` are parsed;
    /// the others get tags, lemmas and entities ([`Pipeline::tag_and_entities`]) and still
    /// take part in the vote on the kinds of names.
    pub fn analyse_document_parsing(&self, sentences: &[(&str, bool)]) -> Vec<Parse> {
        self.document(sentences.iter().map(|&(s, full)| {
            let mode = if full { Mode::Full } else { Mode::Entities };
            (s, tokenize(s), mode)
        }))
    }

    /// The full analysis of a sentence analysed before without its parse, keeping its
    /// words and its entities (which may have come from a document's vote).
    pub fn parse_again(&self, p: &Parse) -> Parse {
        let mut full = self.run(&p.text, p.words.clone(), Mode::Full, None);
        full.entities = p.entities.clone();
        full
    }

    /// A document's sentences, each with its words and how much to analyse of it, in order
    /// through one context, then the names' kinds voted again with every mention.
    fn document<'a>(
        &self,
        sentences: impl Iterator<Item = (&'a str, Vec<Span>, Mode)>,
    ) -> Vec<Parse> {
        let mut doc = DocumentContext::new();
        let parses = sentences
            .map(|(s, words, mode)| self.run(s, words, mode, Some(&mut doc)))
            .collect();
        Self::revote(parses, &doc)
    }

    fn revote(mut parses: Vec<Parse>, doc: &DocumentContext) -> Vec<Parse> {
        // again, with the mentions after as well
        let kinds = ner::vote(&doc.found, 0, ner::VOTE_SAME, ner::VOTE_PART, |_, _| true);
        let mut k = kinds.iter();
        for p in &mut parses {
            for e in &mut p.entities {
                if let Some(&x) = k.next() {
                    e.kind = x;
                }
            }
        }
        parses
    }

    /// Tags and lemmas only.
    pub fn tag_only(&self, sentence: &str) -> Parse {
        let words = tokenize(sentence);
        self.run(sentence, words, Mode::Tags, None)
    }

    /// Tags and lemmas only, with given words.
    pub fn tag_only_words(&self, sentence: &str, words: &[Span]) -> Parse {
        self.run(sentence, clean_spans(sentence, words), Mode::Tags, None)
    }

    fn run(
        &self,
        text: &str,
        words: Vec<Span>,
        mode: Mode,
        doc: Option<&mut DocumentContext>,
    ) -> Parse {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.run_with(text, words, mode, doc, &mut s),
            Err(_) => self.run_with(text, words, mode, doc, &mut Scratch::default()),
        })
    }

    fn run_with(
        &self,
        text: &str,
        words: Vec<Span>,
        mode: Mode,
        doc: Option<&mut DocumentContext>,
        s: &mut Scratch,
    ) -> Parse {
        let n = words.len();
        let mut p = Parse {
            text: text.to_string(),
            words,
            parsed: mode == Mode::Full,
            ..Parse::default()
        };
        features::atoms_of(text, &p.words, &mut s.atoms, &mut s.buf);
        // tags
        s.tag_hashes.clear();
        s.upos_hashes.clear();
        p.upos.reserve(n);
        p.xpos.reserve(n);
        if let Some(t) = &self.tagger {
            t.amb.values(&s.atoms, &mut s.amb);
            tagger::decode(
                &t.weights,
                &t.class_hashes,
                &t.dict,
                &s.atoms,
                &s.amb,
                &mut s.classes,
                &mut s.feats,
                &mut s.scores,
            );
            for &c in &s.classes {
                let tc = &t.classes[c as usize];
                p.upos.push(tc.upos);
                p.xpos.push(tc.xpos);
                s.tag_hashes.push(tc.hash);
                s.upos_hashes.push(tc.upos_hash);
            }
        } else {
            p.upos.resize(n, Upos::X);
            p.xpos.resize(n, "XX");
            s.tag_hashes.resize(n, 0);
            s.upos_hashes.resize(n, 0);
        }
        // lemmas
        p.lemma_ends.reserve(n);
        p.lemma_buf.reserve(text.len() + 8);
        for i in 0..n {
            let w = p
                .words
                .get(i)
                .and_then(|sp| text.get(sp.start..sp.end))
                .unwrap_or("");
            match &self.lemmatizer {
                Some(l) => l.lemmatize(w, p.xpos[i], &mut p.lemma_buf, &mut s.buf2),
                None => p.lemma_buf.extend(w.chars().flat_map(char::to_lowercase)),
            }
            p.lemma_ends
                .push(p.lemma_buf.len().min(u32::MAX as usize) as u32);
        }
        p.heads = vec![None; n];
        p.deprels = vec![
            if mode == Mode::Full {
                DepRel::Root
            } else {
                DepRel::Dep
            };
            n
        ];
        if mode == Mode::Tags {
            return p;
        }
        // entities
        if let Some(nr) = &self.ner {
            let sent = ner::Sentence {
                atoms: &s.atoms,
                upos: &p.upos,
                tags: &s.tag_hashes,
            };
            ner::decode(&nr.weights, &nr.gaz, &sent, &mut s.nscratch, &mut s.ents);
            p.entities = s
                .ents
                .iter()
                .map(|&(a, b, kind)| Entity { words: a..b, kind })
                .collect();
            if let Some(d) = doc {
                let before = d.found.len();
                for (e, &v) in p.entities.iter().zip(&s.nscratch.entity_scores) {
                    let words = s.atoms.get(e.words.clone()).unwrap_or(&[]);
                    d.found.push(ner::Found::new(words, v));
                }
                // the new entities read the earlier ones and those of their sentence
                let kinds = ner::vote(&d.found, before, ner::VOTE_SAME, ner::VOTE_PART, |_, _| {
                    true
                });
                for (e, &k) in p.entities.iter_mut().zip(&kinds) {
                    e.kind = k;
                }
            }
        }
        if mode == Mode::Entities {
            return p;
        }
        // parse, chunk by chunk
        if let Some(ps) = &self.parser {
            let mut start = 0;
            while start < n {
                let end = chunk_end(&p, start);
                let th = &s.tag_hashes[start..end];
                let uh = &s.upos_hashes[start..end];
                let atoms: &[features::Atoms] = if start == 0 {
                    &s.atoms[..end]
                } else {
                    s.chunk.clear();
                    s.chunk.extend_from_slice(&s.atoms[start..end]);
                    if let Some(first) = s.chunk.first_mut() {
                        first.flags |= 16;
                    }
                    &s.chunk
                };
                parser::decode(
                    &ps.weights,
                    ps.root_label,
                    atoms,
                    th,
                    uh,
                    &mut s.state,
                    &mut s.feats,
                    &mut s.scores,
                );
                let m = end - start;
                for i in 0..m {
                    let h = s.state.heads[i];
                    p.heads[start + i] = if (h as usize) < m {
                        Some(start + h as usize)
                    } else {
                        None
                    };
                    p.deprels[start + i] = if (h as usize) < m {
                        ps.rels
                            .get(s.state.labels[i] as usize)
                            .copied()
                            .unwrap_or(DepRel::Dep)
                    } else {
                        DepRel::Root
                    };
                }
                start = end;
            }
        } else {
            // no parser: a flat chain to the first word
            for i in 1..n {
                p.heads[i] = Some(0);
                p.deprels[i] = DepRel::Dep;
            }
        }
        p
    }
}

/// End of the parse chunk starting at `start`.
fn chunk_end(p: &Parse, start: usize) -> usize {
    let n = p.len();
    if n - start <= MAX_PARSE_WORDS {
        return n;
    }
    let limit = start + MAX_PARSE_WORDS;
    for i in (start + MAX_PARSE_WORDS / 4..limit).rev() {
        if matches!(p.word(i), "." | "!" | "?" | ";" | ":") {
            return i + 1;
        }
    }
    limit
}

fn clean_spans(text: &str, words: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(words.len());
    for &w in words {
        let ok = w.start < w.end
            && w.end <= text.len()
            && text.is_char_boundary(w.start)
            && text.is_char_boundary(w.end)
            && out.last().is_none_or(|l| l.end <= w.start);
        if ok {
            out.push(w);
        }
    }
    out
}

/// Tokenises and analyses one sentence with the shipped models.
pub fn analyse(sentence: &str) -> Parse {
    Pipeline::shipped().analyse(sentence)
}

/// Analyses one sentence with given words (see [`Pipeline::analyse_words`]).
pub fn analyse_words(sentence: &str, words: &[Span]) -> Parse {
    Pipeline::shipped().analyse_words(sentence, words)
}

/// Tags, lemmas and entities, no parse (`parsed == false`, heads all `None`, deprels
/// `Dep`): for sentences whose names are wanted but not their structure. The entities are
/// the ones [`analyse`] finds (they do not depend on the parse).
pub fn tag_and_entities(sentence: &str) -> Parse {
    Pipeline::shipped().tag_and_entities(sentence)
}

/// [`tag_and_entities`] with given words.
pub fn tag_and_entities_words(sentence: &str, words: &[Span]) -> Parse {
    Pipeline::shipped().tag_and_entities_words(sentence, words)
}

/// The sentences of a document, each analysed as by [`analyse`], the kinds of the entities
/// chosen with all the mentions of the document (a surname alone takes the kind of the full
/// name; a name typed a place once and a person three times is a person). See
/// [`DocumentContext`] to analyse the sentences one at a time (some fully, others with
/// [`tag_and_entities`]).
pub fn analyse_document(sentences: &[&str]) -> Vec<Parse> {
    Pipeline::shipped().analyse_document(sentences)
}

/// [`Pipeline::analyse_document_parsing`] with the shipped models: only the sentences
/// marked `true` are parsed.
pub fn analyse_document_parsing(sentences: &[(&str, bool)]) -> Vec<Parse> {
    Pipeline::shipped().analyse_document_parsing(sentences)
}

/// [`Pipeline::parse_again`] with the shipped models.
pub fn parse_again(p: &Parse) -> Parse {
    Pipeline::shipped().parse_again(p)
}

/// [`tag_and_entities`] for the sentences of a document, with the names of the whole
/// document as [`analyse_document`].
pub fn tag_and_entities_document(sentences: &[&str]) -> Vec<Parse> {
    Pipeline::shipped().tag_and_entities_document(sentences)
}

/// Tags and lemmas only (no parse, no entities): for a fast pre-filter.
pub fn tag_only(sentence: &str) -> Parse {
    Pipeline::shipped().tag_only(sentence)
}

/// Tags and lemmas only, with given words.
pub fn tag_only_words(sentence: &str, words: &[Span]) -> Parse {
    Pipeline::shipped().tag_only_words(sentence, words)
}

/// The lemma a word would have as a verb, whatever its tag: for finding verbs of saying
/// that the tagger took for nouns or adjectives ("warning" in "are warning" tagged NN).
/// The Penn tag is guessed from the ending (-ing VBG, -ed VBD, -s VBZ); other words are
/// looked up as irregular past forms (VBD, VBN) in the lexicon and otherwise returned in
/// lower case. Use [`Parse::lemma`] for correctly tagged words.
pub fn verb_lemma(word: &str) -> String {
    let mut out = String::new();
    let lower = word.to_lowercase();
    let xpos = if lower.ends_with("ing") {
        "VBG"
    } else if lower.ends_with("ed") {
        "VBD"
    } else if lower.ends_with('s') && !lower.ends_with("ss") {
        "VBZ"
    } else {
        "VB"
    };
    let Some(l) = &Pipeline::shipped().lemmatizer else {
        return lower;
    };
    if xpos == "VB" {
        // an irregular past ("spoke") may be in the lexicon
        if let Some(e) = l
            .exception(&lower, "VBD")
            .or_else(|| l.exception(&lower, "VBN"))
        {
            return e.to_string();
        }
    }
    l.lemmatize(&lower, xpos, &mut out, &mut String::new());
    out
}

/// Loads the shipped models now; returns the load errors (empty when all loaded).
pub fn warm_up() -> &'static [String] {
    &Pipeline::shipped().errors
}
