//! Tag sets: universal parts of speech, Penn Treebank tags, dependency relations and entity
//! kinds.

use std::fmt;

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }
        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The label as written in CoNLL-U.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
            /// The value for a CoNLL-U label (exact spelling), if it is one of ours.
            #[allow(clippy::should_implement_trait)]
            pub fn from_str(s: &str) -> Option<$name> {
                match s { $($s => Some($name::$variant),)+ _ => None }
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

string_enum! {
    /// The 17 universal part-of-speech tags of Universal Dependencies.
    Upos {
        /// adjective
        Adj = "ADJ",
        /// adposition (preposition)
        Adp = "ADP",
        /// adverb
        Adv = "ADV",
        /// auxiliary verb
        Aux = "AUX",
        /// coordinating conjunction
        Cconj = "CCONJ",
        /// determiner
        Det = "DET",
        /// interjection
        Intj = "INTJ",
        /// noun
        Noun = "NOUN",
        /// numeral
        Num = "NUM",
        /// particle
        Part = "PART",
        /// pronoun
        Pron = "PRON",
        /// proper noun
        Propn = "PROPN",
        /// punctuation
        Punct = "PUNCT",
        /// subordinating conjunction
        Sconj = "SCONJ",
        /// symbol
        Sym = "SYM",
        /// verb
        Verb = "VERB",
        /// other
        X = "X",
    }
}

string_enum! {
    /// Dependency relations: the universal relations of UD v2 and the English subtypes of
    /// UD_English-EWT / UD_English-GUM v2.16 (which use `obl:unmarked` / `nmod:unmarked`
    /// where older releases had `obl:tmod`, `obl:npmod`, `nmod:tmod`, `nmod:npmod`).
    /// [`DepRel::universal`] strips the subtype.
    DepRel {
        /// clausal modifier of a noun
        Acl = "acl",
        /// relative clause
        AclRelcl = "acl:relcl",
        /// adverbial clause
        Advcl = "advcl",
        /// adverbial relative clause
        AdvclRelcl = "advcl:relcl",
        /// adverbial modifier
        Advmod = "advmod",
        /// adjectival modifier
        Amod = "amod",
        /// apposition
        Appos = "appos",
        /// auxiliary
        Aux = "aux",
        /// passive auxiliary
        AuxPass = "aux:pass",
        /// case marker (prepositions, possessive 's)
        Case = "case",
        /// coordinating conjunction
        Cc = "cc",
        /// preconjunct (either, both)
        CcPreconj = "cc:preconj",
        /// clausal complement
        Ccomp = "ccomp",
        /// classifier
        Clf = "clf",
        /// compound
        Compound = "compound",
        /// phrasal verb particle
        CompoundPrt = "compound:prt",
        /// conjunct
        Conj = "conj",
        /// copula
        Cop = "cop",
        /// clausal subject
        Csubj = "csubj",
        /// outer clausal subject
        CsubjOuter = "csubj:outer",
        /// passive clausal subject
        CsubjPass = "csubj:pass",
        /// unspecified dependency
        Dep = "dep",
        /// determiner
        Det = "det",
        /// predeterminer
        DetPredet = "det:predet",
        /// discourse element
        Discourse = "discourse",
        /// dislocated element
        Dislocated = "dislocated",
        /// expletive
        Expl = "expl",
        /// fixed multiword expression
        Fixed = "fixed",
        /// flat multiword expression (names)
        Flat = "flat",
        /// goes with (split word)
        Goeswith = "goeswith",
        /// indirect object
        Iobj = "iobj",
        /// list
        List = "list",
        /// marker (subordinator)
        Mark = "mark",
        /// nominal modifier
        Nmod = "nmod",
        /// descriptive nominal modifier (titles: "President" in "President Biden")
        NmodDesc = "nmod:desc",
        /// possessive nominal modifier
        NmodPoss = "nmod:poss",
        /// nominal modifier without a case marker
        NmodUnmarked = "nmod:unmarked",
        /// nominal subject
        Nsubj = "nsubj",
        /// outer nominal subject
        NsubjOuter = "nsubj:outer",
        /// passive nominal subject
        NsubjPass = "nsubj:pass",
        /// numeric modifier
        Nummod = "nummod",
        /// object
        Obj = "obj",
        /// oblique nominal
        Obl = "obl",
        /// agent of a passive ("by X")
        OblAgent = "obl:agent",
        /// oblique nominal without a case marker (temporal, measure)
        OblUnmarked = "obl:unmarked",
        /// orphan (ellipsis)
        Orphan = "orphan",
        /// parataxis
        Parataxis = "parataxis",
        /// punctuation
        Punct = "punct",
        /// overridden disfluency
        Reparandum = "reparandum",
        /// root of the sentence
        Root = "root",
        /// vocative
        Vocative = "vocative",
        /// open clausal complement
        Xcomp = "xcomp",
    }
}

impl DepRel {
    /// The universal relation without its subtype (`nsubj:pass` -> `nsubj`).
    pub fn universal(self) -> DepRel {
        use DepRel::*;
        match self {
            AclRelcl => Acl,
            AdvclRelcl => Advcl,
            AuxPass => Aux,
            CcPreconj => Cc,
            CompoundPrt => Compound,
            CsubjOuter | CsubjPass => Csubj,
            DetPredet => Det,
            NmodDesc | NmodPoss | NmodUnmarked => Nmod,
            NsubjOuter | NsubjPass => Nsubj,
            OblAgent | OblUnmarked => Obl,
            other => other,
        }
    }

    /// True for the subject relations (`nsubj`, `nsubj:pass`, `csubj`, ...).
    pub fn is_subject(self) -> bool {
        matches!(self.universal(), DepRel::Nsubj | DepRel::Csubj)
    }
}

string_enum! {
    /// Kinds of named entities (GUM's entity types; see the crate README for the span rule).
    EntityKind {
        /// a person (GUM `person`)
        Person = "PERSON",
        /// an organisation (GUM `organization`)
        Organization = "ORGANIZATION",
        /// a place (GUM `place`)
        Place = "PLACE",
        /// another named thing (GUM `event`, `abstract`, `object`, `time`, `substance`,
        /// `animal`, `plant` headed by a proper noun: works, events, languages, products...)
        Other = "OTHER",
    }
}

impl EntityKind {
    /// The kind for a GUM entity type (`person`, `place`, ...).
    pub fn from_gum(t: &str) -> EntityKind {
        match t {
            "person" => EntityKind::Person,
            "organization" => EntityKind::Organization,
            "place" => EntityKind::Place,
            _ => EntityKind::Other,
        }
    }
}

/// The Penn Treebank tags of UD_English-EWT and UD_English-GUM (the XPOS column). A tag the
/// model knows but this list lacks is reported as `"XX"`.
pub const XPOS_TAGS: &[&str] = &[
    "$", "''", ",", "-LRB-", "-RRB-", ".", ":", "ADD", "AFX", "CC", "CD", "DT", "EX", "FW", "GW",
    "HYPH", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NFP", "NN", "NNP", "NNPS", "NNS", "PDT", "POS",
    "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP",
    "VBZ", "WDT", "WP", "WP$", "WRB", "XX", "``",
];

/// The static spelling of a Penn tag (`"XX"` for one outside [`XPOS_TAGS`]).
pub fn xpos_static(tag: &str) -> &'static str {
    XPOS_TAGS
        .iter()
        .copied()
        .find(|t| *t == tag)
        .unwrap_or("XX")
}
