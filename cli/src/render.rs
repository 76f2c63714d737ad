//! Readable terminal output. Styles are ANSI codes that `anstream` strips when standard
//! output is not a terminal (or NO_COLOR is set), so pipes get plain text.

use anstyle::{AnsiColor, Style};
use verbatim_index::{
    Answer, CitedQuote, Document, DocumentInfo, Library, Metadata, Quote, QuoteSearch, SpeakerInfo,
    SpeakerRecord, TopicQuotes,
};

const MARK: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const ANSWER: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const TITLE: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));

pub fn list(docs: &[DocumentInfo]) {
    if docs.is_empty() {
        anstream::println!("The library is empty. Add articles with: verbatim add FILE...");
    }
    for d in docs {
        let cited = citation(&d.metadata);
        let cited = if cited.is_empty() {
            cited
        } else {
            format!("{cited} · ")
        };
        anstream::println!(
            "{TITLE}{}{TITLE:#}  {DIM}{cited}{} · {} paragraphs · {} quotes{DIM:#}",
            d.title,
            d.id,
            d.paragraphs,
            d.quotes
        );
    }
}

/// Who, where and when, as a citation gives them: `Jane Doe, John Roe · The Daily Paper ·
/// 2024-03-05` (what is known of it).
fn citation(m: &Metadata) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !m.authors.is_empty() {
        parts.push(m.authors.join(", "));
    }
    parts.extend(m.site.clone());
    parts.extend(m.published.clone());
    parts.join(" · ")
}

pub fn document(doc: &Document) {
    anstream::println!("{TITLE}{}{TITLE:#}", doc.title);
    let cited = citation(&doc.metadata);
    if !cited.is_empty() {
        anstream::println!("{DIM}{cited}{DIM:#}");
    }
    if let Some(url) = &doc.metadata.url {
        anstream::println!("{DIM}{url}{DIM:#}");
    }
    if let Some(source) = &doc.source {
        anstream::println!("{DIM}{source}{DIM:#}");
    }
    anstream::println!();
    anstream::println!("{}", doc.text);
}

/// The paragraph with the answering sentence in bold and matched words marked.
fn styled_passage(text: &str, base: usize, answer: (usize, usize), marks: &[[usize; 2]]) -> String {
    let mut out = String::new();
    let mut pos = base;
    let mut bounds: Vec<usize> = vec![answer.0, answer.1];
    for m in marks {
        bounds.extend([m[0], m[1]]);
    }
    bounds.retain(|b| *b > base && *b < base + text.len());
    bounds.sort_unstable();
    bounds.dedup();
    bounds.push(base + text.len());
    for b in bounds {
        let piece = &text[pos - base..b - base];
        let in_answer = pos >= answer.0 && b <= answer.1;
        let marked = marks.iter().any(|m| pos >= m[0] && b <= m[1]);
        let style = match (marked, in_answer) {
            (true, _) => MARK,
            (false, true) => ANSWER,
            _ => Style::new(),
        };
        out.push_str(&format!("{style}{piece}{style:#}"));
        pos = b;
    }
    out
}

fn quote_line(q: &Quote) -> String {
    let cue = q
        .cue
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    format!(
        "  {DIM}“{}” — {}{cue}, {}{DIM:#}",
        q.text,
        q.speaker,
        kind(q)
    )
}

fn kind(q: &Quote) -> &'static str {
    match q.kind {
        verbatim_index::QuoteKind::Direct => "direct",
        verbatim_index::QuoteKind::Indirect => "indirect",
        verbatim_index::QuoteKind::Partial => "partial",
    }
}

pub fn answer(a: &Answer) {
    anstream::println!("{ANSWER}Q: {}{ANSWER:#}", a.question);
    if !a.answered {
        anstream::println!("Not in your articles.");
        if a.passages.is_empty() {
            anstream::println!();
            return;
        }
        anstream::println!("{DIM}Nearest passages:{DIM:#}");
    } else if let Some(phrase) = a.passages.first().and_then(|p| p.answer.phrase.as_ref()) {
        anstream::println!("{MARK}A: {}{MARK:#}", phrase.text);
    }
    for (i, p) in a.passages.iter().enumerate() {
        anstream::println!();
        anstream::println!(
            "{}. {TITLE}{}{TITLE:#} {DIM}· paragraph {} · score {:.2}{DIM:#}",
            i + 1,
            p.title,
            p.paragraph,
            p.score
        );
        anstream::println!(
            "{}",
            styled_passage(
                &p.text,
                p.start,
                (p.answer.start, p.answer.end),
                &p.highlights
            )
        );
        for q in &p.quotes {
            anstream::println!("{}", quote_line(q));
        }
    }
    anstream::println!();
}

pub fn quotes(library: &Library, found: &QuoteSearch) -> Result<(), verbatim_index::Error> {
    if found.speakers.is_empty() {
        match &found.query {
            Some(name) => {
                let mentioned = library.mentions(name)?;
                if mentioned > 0 {
                    anstream::println!(
                        "No quotes by {name}; the name is mentioned in {mentioned} paragraph{}.",
                        if mentioned == 1 { "" } else { "s" }
                    );
                } else {
                    anstream::println!("No quotes by {name}, and nobody of that name is mentioned in your articles.");
                }
            }
            None => anstream::println!("No quotes in your articles yet."),
        }
        return Ok(());
    }
    for s in &found.speakers {
        let description = described(s.description.as_deref());
        anstream::println!("{TITLE}{}{TITLE:#}{DIM}{description}{DIM:#}", s.name);
        also_printed_as(&s.aliases);
        for q in &s.quotes {
            anstream::println!("{}", quote_line(q));
            anstream::println!("    {DIM}{} · paragraph {}{DIM:#}", q.document, q.paragraph);
        }
        anstream::println!();
    }
    Ok(())
}

/// `, DESCRIPTION` after a speaker's name, or nothing.
fn described(description: Option<&str>) -> String {
    description.map(|d| format!(", {d}")).unwrap_or_default()
}

/// The other forms a speaker's name is printed in, on a line of their own.
fn also_printed_as(aliases: &[String]) {
    if !aliases.is_empty() {
        anstream::println!("{DIM}  also printed as: {}{DIM:#}", aliases.join(", "));
    }
}

/// Where a quote was printed: title, outlet, date.
fn cited_line(q: &CitedQuote) -> String {
    let mut parts = vec![q.title.clone()];
    parts.extend(q.site.clone());
    parts.extend(q.published.clone());
    format!(
        "    {DIM}{} · paragraph {}{DIM:#}",
        parts.join(" · "),
        q.quote.paragraph
    )
}

pub fn topic(found: &TopicQuotes) {
    if found.speakers.is_empty() {
        anstream::println!("Nobody is quoted on {} in your articles.", found.about);
        return;
    }
    for s in &found.speakers {
        let description = described(s.description.as_deref());
        let n = s.documents;
        anstream::println!(
            "{TITLE}{}{TITLE:#}{DIM}{description} · quoted on it in {n} article{}{DIM:#}",
            s.name,
            if n == 1 { "" } else { "s" }
        );
        for q in &s.quotes {
            anstream::println!("{}", quote_line(&q.quote));
            anstream::println!("{}", cited_line(q));
        }
        anstream::println!();
    }
}

pub fn record(name: &str, record: Option<&SpeakerRecord>) {
    let Some(r) = record else {
        anstream::println!("Nobody called {name} is quoted in your articles.");
        return;
    };
    anstream::println!("{TITLE}{}{TITLE:#}", r.name);
    also_printed_as(&r.aliases);
    for d in &r.descriptions {
        let when = d.published.as_deref().unwrap_or("undated");
        anstream::println!("{DIM}  {when}: {}{DIM:#}", d.text);
    }
    anstream::println!();
    for q in &r.quotes {
        anstream::println!("{}", quote_line(&q.quote));
        anstream::println!("{}", cited_line(q));
    }
    if !r.alongside.is_empty() {
        let names: Vec<String> = r
            .alongside
            .iter()
            .map(|a| format!("{} ({})", a.name, a.documents))
            .collect();
        anstream::println!();
        anstream::println!("{DIM}Quoted alongside: {}{DIM:#}", names.join(", "));
    }
}

pub fn speakers(speakers: &[SpeakerInfo]) {
    if speakers.is_empty() {
        anstream::println!("Nobody is quoted in your articles yet.");
    }
    for s in speakers {
        let description = s
            .description
            .as_deref()
            .map(|d| format!(" — {d}"))
            .unwrap_or_default();
        anstream::println!(
            "{TITLE}{}{TITLE:#}{DIM}{description} · {} quote{}{DIM:#}",
            s.name,
            s.quotes,
            if s.quotes == 1 { "" } else { "s" }
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passage_styling_keeps_every_character() {
        let text = "One two. Three four.";
        let styled = styled_passage(text, 10, (19, 30), &[[23, 27]]);
        let plain: String = anstream::adapter::strip_str(&styled).to_string();
        assert_eq!(plain, text);
        assert!(styled.contains("\u{1b}["));
    }
}
