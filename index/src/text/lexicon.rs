//! Every English word list of the engine, each once, with what it is for. A word list is
//! a judgement about English, not about an article: each list here names a closed class of
//! words (pronouns, months, honorifics) or a class the grammar of news marks (reporting
//! verbs, role nouns), and says which stage reads it. To teach the engine a new title
//! ("Cllr."), add it to [`HONORIFIC_ABBREVIATIONS`] (abbreviations) or [`TITLE_WORDS`]
//! (words), and nowhere else.
//!
//! Lists are lowercase. Those searched with `binary_search` are sorted, which a test checks.

// The lists are laid out several words a line, for reading; rustfmt would give each word a
// line of its own.

/// Reporting verbs, as lemmas: a sentence with one of these reports speech or writing. Every
/// regular form of each counts (`notes`, `noted`, `noting`; `replied`; `admitted`). Read by
/// quote detection (a short quote after a reporting verb is speech, not a scare quote) and
/// attribution (cues). Sorted.
#[rustfmt::skip]
pub const REPORTING_VERB_LEMMAS: &[&str] = &[
    "acknowledge", "add", "admit", "advise", "affirm", "agree", "allege", "announce", "answer",
    "argue", "ask", "assert", "assure", "boast", "brag", "calculate", "call", "caution", "cite",
    "claim", "clarify", "comment", "complain", "concede", "conclude", "confess", "confirm",
    "contend", "continue", "criticise", "criticize", "declare", "demand", "deny", "describe",
    "disclose", "elaborate", "emphasise", "emphasize", "estimate", "exclaim", "explain",
    "forecast", "grumble", "highlight", "inform", "insist", "joke", "lament", "maintain",
    "mention", "murmur", "muse", "mutter", "note", "notify", "observe", "opine", "plead",
    "pledge", "predict", "proclaim", "promise", "propose", "protest", "quip", "quote", "reason",
    "reassure", "recall", "recommend", "recount", "reiterate", "remark", "remind", "reply",
    "report", "respond", "retort", "reveal", "say", "scoff", "shout", "sigh", "speculate",
    "state", "stress", "suggest", "swear", "tell", "testify", "tweet", "urge", "vow", "warn",
    "whisper", "write",
];

/// Reporting verb forms that the lemmas' regular inflection does not give (irregular
/// forms), and forms listed alone because the lemma's other forms are mostly other words
/// (`a post`, `an object`, `read`).
#[rustfmt::skip]
pub const REPORTING_VERB_FORMS: &[&str] = &[
    "said", "told", "wrote", "written", "swore", "sworn", "posted", "cried", "objected",
    "countered", "reads", "accused", "testified",
];

/// Verbs of opinion: `X believes ...` reports X's view, with less confidence than a
/// reporting verb. Read by attribution, for people already known as speakers.
#[rustfmt::skip]
pub const OPINION_VERBS: &[&str] = &[
    "believes", "believe", "believed", "thinks", "think", "thought", "sees", "feels", "felt",
    "expects", "expected", "fears", "feared", "hopes", "hoped", "considers",
];

/// Third-person subject pronouns that can stand for a speaker. Read by attribution.
pub const SPEAKER_PRONOUNS: &[&str] = &["he", "she", "they"];

/// Capitalised words that do not start a person's name: determiners, pronouns,
/// prepositions, conjunctions and sentence adverbs that open sentences. Read by name
/// finding (with [`CALENDAR_WORDS`]).
#[rustfmt::skip]
pub const NOT_NAME_STARTS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i",
    "you", "in", "on", "at", "but", "and", "or", "so", "if", "when", "while", "after", "before",
    "however", "his", "her", "their", "its", "our", "my", "there", "here", "what", "who", "why",
    "how", "then", "according", "for", "with", "as", "from", "by", "of", "to", "not", "no",
    "yes", "since", "also", "during", "despite", "although", "though", "because", "until",
    "unless", "once", "meanwhile", "later", "earlier", "today", "yesterday", "now", "still",
    "yet", "even", "only", "instead", "under", "over", "about", "among", "between", "without",
    "within", "into", "through", "throughout", "speaking", "asked", "where", "which", "whether",
];

/// Abbreviated honorifics and ranks, written with or without a period (`Dr.`, `Sen.`,
/// `Cllr`): before a name they are its title, not part of it, and their period never ends a
/// sentence. Read by segmentation and name finding.
#[rustfmt::skip]
pub const HONORIFIC_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "capt", "cpt",
    "sgt", "maj", "adm", "cmdr", "rev", "fr", "hon", "pres", "supt", "insp", "det", "messrs",
    "mme", "mlle",
];

/// Abbreviations always followed by a name or a number (`St. Louis`, `No. 5`, `p. 12`):
/// their period never ends a sentence. Read by segmentation.
#[rustfmt::skip]
pub const REFERENCE_ABBREVIATIONS: &[&str] = &[
    "st", "mt", "ft", "ste", "no", "nos", "vol", "fig", "pp", "p", "op", "art", "sec", "ch",
];

/// Abbreviations that may end a sentence: they do only before a word that opens sentences
/// ([`SENTENCE_OPENERS`]). Read by segmentation.
#[rustfmt::skip]
pub const AMBIGUOUS_ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "ltd", "co", "llc", "plc", "jr", "sr", "vs", "etc", "approx", "dept", "est",
    "govt", "univ", "assn", "bros", "e.g", "i.e", "a.m", "p.m", "cf", "al",
];

/// Abbreviated months, which do not end a sentence before a day or a year (`Jan. 5`). Read
/// by segmentation.
#[rustfmt::skip]
pub const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Words that commonly open a sentence: after an ambiguous abbreviation, one of these
/// capitalised means a new sentence (`... in the U.S. The President ...`). Read by
/// segmentation.
#[rustfmt::skip]
pub const SENTENCE_OPENERS: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "or", "so", "in",
    "on", "at", "this", "that", "these", "those", "his", "her", "its", "their", "our", "there",
    "when", "while", "after", "before", "however", "then", "as", "if", "what", "who", "why",
    "how", "some", "many", "most", "all", "no", "not", "for", "with", "since", "until", "yet",
    "still", "meanwhile", "also", "one", "two", "both", "each", "other", "such", "later", "last",
    "next",
];

/// Titles written as words before a name (`President`, `Prime Minister`, `Councillor`):
/// the description, not the name. Read by name finding, with [`HONORIFIC_ABBREVIATIONS`].
#[rustfmt::skip]
pub const TITLE_WORDS: &[&str] = &[
    "professor", "president", "prime", "minister", "ambassador", "senator", "governor",
    "general", "mayor", "judge", "king", "queen", "prince", "princess", "pope", "sir", "dame",
    "lord", "lady", "chancellor", "secretary", "chairman", "director", "captain", "coach",
    "father", "sister", "brother", "officer", "detective", "sergeant", "lieutenant", "colonel",
    "commander", "chief", "spokesman", "spokeswoman", "leader", "premier", "deputy",
    "representative", "inspector", "superintendent", "justice", "attorney", "councillor",
    "councilor", "councilman", "councilwoman", "alderman", "congressman", "congresswoman",
    "assemblyman", "assemblywoman", "sheriff", "bishop", "archbishop", "cardinal", "rabbi",
    "imam", "emperor", "sultan", "sheikh", "ceo", "cfo", "coo", "cto",
];

/// Whether a lowercase word, without its period, is a title before a name.
pub fn is_title(word: &str) -> bool {
    TITLE_WORDS.contains(&word) || HONORIFIC_ABBREVIATIONS.contains(&word)
}

/// Lowercase particles inside names (`Ludwig van Beethoven`, `Osama bin Laden`). Read by
/// name finding.
#[rustfmt::skip]
pub const NAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le", "bin", "ibn",
    "al", "el", "ben", "st",
];

/// Nouns that make a capitalised phrase an organisation or a place, not a person
/// (`Kings College`, `Foreign Ministry`). Read by name finding.
#[rustfmt::skip]
pub const ORGANISATION_AND_PLACE_NOUNS: &[&str] = &[
    "university", "college", "ministry", "office", "department", "agency", "council",
    "committee", "party", "bank", "times", "post", "news", "government", "police", "court",
    "union", "house", "institute", "association", "company", "group", "church", "school",
    "city", "state", "states", "republic", "kingdom", "nations", "army", "navy", "force",
    "service", "organization", "organisation", "foundation", "commission", "parliament",
    "congress", "senate", "federation", "hospital", "centre", "center", "museum", "street",
    "river",
];

/// Nouns that say who someone is (`specialist`, `ambassador`, `spokesperson`): a phrase with
/// one describes a person. Read by attribution (descriptions, described speakers) and by
/// answering (evidence for "who is" questions).
#[rustfmt::skip]
pub const ROLE_NOUNS: &[&str] = &[
    "specialist", "expert", "professor", "ambassador", "president", "minister", "leader",
    "analyst", "researcher", "director", "spokesman", "spokeswoman", "spokesperson", "chief",
    "head", "official", "scientist", "economist", "author", "editor", "journalist",
    "correspondent", "founder", "chairman", "chairwoman", "executive", "lawyer", "attorney",
    "judge", "senator", "governor", "mayor", "general", "commander", "secretary", "adviser",
    "advisor", "fellow", "lecturer", "historian", "doctor", "physician", "student", "member",
    "coach", "captain", "manager", "owner", "candidate", "diplomat", "envoy", "deputy",
    "representative", "officer", "king", "queen", "ceo", "engineer", "teacher", "activist",
    "politician", "chancellor", "premier", "dean", "writer", "player", "partner", "worker",
    "resident", "mother", "father", "organiser", "organizer", "campaigner", "chair",
    "consultant", "strategist", "commentator", "observer", "veteran", "prince", "princess",
    "pilot", "priest", "bishop", "pope", "inventor", "artist", "singer", "actor", "actress",
    "athlete",
];

/// Endings of English adjectives of origin and kind (`revolutionary`, `Russian`,
/// `Chinese`, `foreign`): words that may stand in a title before a name
/// (`revolutionary leader Mao Zedong`). Read by attribution (descriptions).
#[rustfmt::skip]
pub const ADJECTIVE_SUFFIXES: &[&str] = &[
    "ary", "al", "ic", "ive", "ous", "ent", "ant", "ian", "ese", "ish", "ern", "ior", "eign",
];

/// Words after which a short quoted phrase is a name or a term, not speech (`the so-called
/// "dividend"`, `a slogan "..."`). Read by quote detection.
#[rustfmt::skip]
pub const NAMING_WORDS: &[&str] = &[
    "so-called", "called", "dubbed", "named", "titled", "entitled", "nicknamed", "as", "term",
    "word", "phrase", "label", "labelled", "labeled", "slogan", "motto", "hashtag", "codenamed",
];

/// Short words left lowercase in titles (`Songs of the Night Ferry`): a quoted phrase in
/// title case is a title, not speech. Read by quote detection.
#[rustfmt::skip]
pub const TITLE_CASE_SMALL_WORDS: &[&str] = &[
    "of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with",
];

/// Words that open a quoted sentence of speech rather than a title (`"It Is Time"` is
/// speech). Written capitalised, as they open the quote. Read by quote detection.
pub const SPEECH_OPENERS: &[&str] = &["I", "We", "You", "It", "They", "He", "She", "This", "That"];

/// Month and weekday names: dates for "when" questions, never the start of a person's name.
/// Read by name finding and answering.
#[rustfmt::skip]
pub const CALENDAR_WORDS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
];

/// English function words and question words: dropped from questions (they are kept in the
/// index, where they cost little and keep positions true). Read by question analysis.
#[rustfmt::skip]
pub const STOPWORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
    "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
    "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
    "him", "himself", "his", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me",
    "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "or",
    "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
    "very", "was", "we", "were", "will", "with", "would", "you", "your", "yours", "yourself",
    "s", "t", "d", "ll", "m", "re", "ve", "also", "get", "got", "may", "might", "must", "shall",
    "us", "ever", "tell", "please", "know", "let",
    // Question words.
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "many", "much",
];

/// Whether a lowercase word is a function word or a question word.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

/// Verbs of saying and thinking in a question (`What did X say?`): the question asks for
/// someone's words. Read by question analysis.
#[rustfmt::skip]
pub const QUESTION_SAYING_VERBS: &[&str] = &[
    "say", "said", "says", "saying", "tell", "told", "think",
];

/// Question words that say little about the answer: verbs of saying and thinking (which
/// match almost any paragraph with a quote) and words like "happen" or "thing". They count
/// for little in answering. Read by question analysis, with [`QUESTION_SAYING_VERBS`].
#[rustfmt::skip]
pub const LIGHT_QUESTION_WORDS: &[&str] = &[
    "thinks", "thought", "mean", "means", "according", "claim", "claims", "believe",
    "believes", "state", "stated", "article", "quote", "quoted", "word", "words", "opinion",
    "view", "views", "happen", "happened", "happens", "happening", "occur", "occurred",
    "occurs", "thing", "things",
];

/// Whether a lowercase question word counts for little (see [`LIGHT_QUESTION_WORDS`]).
pub fn is_light_question_word(word: &str) -> bool {
    QUESTION_SAYING_VERBS.contains(&word) || LIGHT_QUESTION_WORDS.contains(&word)
}

/// Number words: evidence for "how many" questions. Read by answering.
#[rustfmt::skip]
pub const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand",
    "thousands", "million", "millions", "billion", "dozen", "dozens", "twice", "once", "half",
    "several", "first", "second", "third",
];

/// Words of time: evidence for "when" questions. Read by answering.
#[rustfmt::skip]
pub const TIME_WORDS: &[&str] = &[
    "yesterday", "today", "tomorrow", "ago", "century", "decade", "year", "years", "month",
    "week", "since", "until", "recently", "now", "then", "later", "earlier", "before", "after",
    "during", "when",
];

/// Words of cause and purpose: evidence for "why" questions. Read by answering.
#[rustfmt::skip]
pub const REASON_WORDS: &[&str] = &[
    "because", "due", "reason", "since", "fear", "order", "result", "cause", "caused", "aim",
    "hope", "hopes", "so", "therefore", "thus", "why", "lead", "led",
];

/// Prepositions and compass words before a place: evidence for "where" questions. Read by
/// answering.
#[rustfmt::skip]
pub const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "from", "near", "into", "across", "inside", "outside", "north", "south", "east",
    "west",
];

/// The lemmas of [`REPORTING_VERB_FORMS`] that are not in [`REPORTING_VERB_LEMMAS`]
/// (whose other forms are mostly nouns: with the tagger's word class, the lemma is safe).
pub const REPORTING_LEMMAS_OF_FORMS: &[&str] = &["post", "cry", "object", "counter"];

/// Whether a verb's lemma (as the tagger gives it) is a reporting verb's.
pub fn is_reporting_lemma(lemma: &str) -> bool {
    REPORTING_VERB_LEMMAS.binary_search(&lemma).is_ok()
        || REPORTING_LEMMAS_OF_FORMS.contains(&lemma)
}

/// Head nouns of phrases that can be a quote's speaker without a name: people by their
/// role, groups of people, organisations, and documents that speak (`a spokeswoman said`,
/// `officials said`, `the company said`, `the report said`), as lemmas. A phrase headed by
/// another noun (`the plan`, `the decision`, `some`) is not a speaker. Read by attribution,
/// with [`ROLE_NOUNS`].
#[rustfmt::skip]
pub const SPEAKER_NOUNS: &[&str] = &[
    // groups of people
    "official", "expert", "analyst", "researcher", "scientist", "critic", "resident",
    "source", "authority", "investigator", "lawmaker", "legislator", "prosecutor", "witness",
    "protester", "parent", "people", "person", "user", "voter", "fan", "observer", "activist",
    "economist", "doctor", "nurse", "police", "officer", "worker", "employee", "student",
    "teacher", "leader", "member", "supporter", "opponent", "organizer", "organiser",
    "spokesperson", "representative", "lawyer", "attorney", "judge", "victim", "survivor",
    "neighbor", "neighbour", "friend", "colleague", "family", "relative", "citizen",
    "customer", "developer", "engineer", "executive", "director", "manager", "owner",
    "founder", "author", "writer", "editor", "reporter", "journalist", "commentator",
    "historian", "professor", "survey", "poll", "study", "report", "statement", "letter",
    "memo", "filing", "document", "paper", "review", "lawsuit", "complaint", "ruling",
    "release", "post", "blog", "email", "website", "company", "firm", "government",
    "ministry", "agency", "department", "council", "court", "party", "university",
    "union", "hospital", "administration", "commission", "committee", "board", "team",
    "club", "bank", "campaign", "office", "embassy", "organisation", "organization",
    "group", "network", "newspaper", "magazine", "outlet", "service", "school", "city",
    "state", "country", "military", "army", "navy", "regulator", "watchdog", "prosecution",
    "defense", "defence", "opposition", "industry", "maker", "manufacturer", "retailer",
    "airline", "operator", "provider", "publisher", "studio", "label", "foundation",
    "institute", "association", "centre", "center", "cabinet", "parliament", "congress",
    "senate",
];

/// Whether a noun lemma can head a speaker's phrase ([`SPEAKER_NOUNS`], [`ROLE_NOUNS`]).
pub fn is_speaker_noun(lemma: &str) -> bool {
    SPEAKER_NOUNS.contains(&lemma) || ROLE_NOUNS.contains(&lemma)
}

/// Whether a lowercase word is a reporting verb: a form in [`REPORTING_VERB_FORMS`] or a
/// regular form of a lemma in [`REPORTING_VERB_LEMMAS`].
pub fn is_reporting_verb(word: &str) -> bool {
    // The lemmas are ASCII; so is every form (and byte slicing below stays on characters).
    if !word.is_ascii() {
        return false;
    }
    if REPORTING_VERB_FORMS.contains(&word) {
        return true;
    }
    let lemma = |stem: &str| REPORTING_VERB_LEMMAS.binary_search(&stem).is_ok();
    // A lemma that is `stem` and one more letter (`replied` from `reply`, `noting` from `note`).
    // (Spelled out on the stack: no allocation per word.)
    let lemma_with = |stem: &str, last: u8| {
        let mut buf = [0u8; 32];
        let Some(spelled) = buf.get_mut(..stem.len() + 1) else {
            return false;
        };
        spelled[..stem.len()].copy_from_slice(stem.as_bytes());
        spelled[stem.len()] = last;
        std::str::from_utf8(spelled).is_ok_and(lemma)
    };
    // The stem without a doubled final consonant (`admitted`, `quipping`).
    let undoubled = |stem: &str| {
        let b = stem.as_bytes();
        b.len() > 2 && b[b.len() - 1] == b[b.len() - 2] && lemma(&stem[..stem.len() - 1])
    };
    let ending = |suffix: &str| word.strip_suffix(suffix).filter(|s| s.len() >= 2);
    lemma(word)
        || ending("s").is_some_and(lemma)
        || ending("es").is_some_and(lemma)
        || ending("ies").is_some_and(|s| lemma_with(s, b'y'))
        || ending("ied").is_some_and(|s| lemma_with(s, b'y'))
        || ending("d").is_some_and(lemma)
        || ending("ed").is_some_and(|s| lemma(s) || undoubled(s))
        || ending("ing").is_some_and(|s| lemma(s) || lemma_with(s, b'e') || undoubled(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lemmas_are_sorted_for_binary_search() {
        assert!(REPORTING_VERB_LEMMAS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn no_list_repeats_a_word() {
        for list in [
            REPORTING_VERB_LEMMAS,
            REPORTING_VERB_FORMS,
            OPINION_VERBS,
            NOT_NAME_STARTS,
            HONORIFIC_ABBREVIATIONS,
            REFERENCE_ABBREVIATIONS,
            AMBIGUOUS_ABBREVIATIONS,
            MONTH_ABBREVIATIONS,
            SENTENCE_OPENERS,
            TITLE_WORDS,
            NAME_PARTICLES,
            ORGANISATION_AND_PLACE_NOUNS,
            ROLE_NOUNS,
            SPEAKER_NOUNS,
            NAMING_WORDS,
            CALENDAR_WORDS,
            STOPWORDS,
            LIGHT_QUESTION_WORDS,
            NUMBER_WORDS,
            TIME_WORDS,
            REASON_WORDS,
            PLACE_PREPOSITIONS,
        ] {
            let mut seen = std::collections::HashSet::new();
            for w in list {
                assert!(seen.insert(w), "{w} twice in a list");
                assert_eq!(w.to_lowercase(), *w, "{w} is not lowercase");
            }
        }
        // A word of a title is one or the other kind, not both.
        assert!(TITLE_WORDS
            .iter()
            .all(|w| !HONORIFIC_ABBREVIATIONS.contains(w)));
    }

    #[test]
    fn every_lemma_is_found_in_its_forms() {
        for lemma in REPORTING_VERB_LEMMAS {
            let mut forms = vec![lemma.to_string(), format!("{lemma}s")];
            if let Some(stem) = lemma.strip_suffix('e') {
                forms.extend([format!("{lemma}d"), format!("{stem}ing")]);
            } else if let Some(stem) = lemma.strip_suffix('y') {
                forms.extend([format!("{stem}ied"), format!("{stem}ies")]);
            } else {
                forms.push(format!("{lemma}ing"));
            }
            for form in forms {
                assert!(is_reporting_verb(&form), "{form} (of {lemma})");
            }
        }
    }

    #[test]
    fn reporting_verbs_are_cues_in_every_regular_form() {
        for w in [
            "say",
            "says",
            "said",
            "saying",
            "noted",
            "noting",
            "admitted",
            "admitting",
            "replied",
            "replies",
            "stresses",
            "stressed",
            "reasoned",
            "recommending",
            "wrote",
            "writing",
            "tweeted",
            "quipped",
            "testified",
            "posted",
        ] {
            assert!(is_reporting_verb(w), "{w}");
        }
        for w in [
            "sad", "tea", "noon", "posting", "read", "object", "counter", "sayings", "ss", "ed",
            "the", "x၁ed", "é",
        ] {
            assert!(!is_reporting_verb(w), "{w}");
        }
    }
}
