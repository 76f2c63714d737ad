//! PDF: text by pdf-extract (on lopdf); title, authors, date, subject and language from
//! the document's info dictionary, then its XMP metadata stream. pdf-extract can panic on
//! malformed files; a panic is caught and reported as a bad file.

use super::metadata::{author_names, clean, language_tag, normalise_date};
use super::{join_blocks, Extracted};
use crate::error::FileProblem;
use crate::model::{BlockKind, Metadata};
use quick_xml::events::Event;

const PDF: &str = "PDF";

pub fn extract(bytes: &[u8]) -> Result<Extracted, FileProblem> {
    type Read = (Option<String>, Metadata, String);
    let result = std::panic::catch_unwind(|| -> Result<Read, FileProblem> {
        let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| describe(&e.to_string()))?;
        if doc.is_encrypted() {
            return Err(FileProblem::Encrypted { format: PDF });
        }
        let (title, metadata) = document_metadata(&doc);
        let mut text = String::new();
        {
            let mut output = pdf_extract::PlainTextOutput::new(&mut text);
            pdf_extract::output_doc(&doc, &mut output).map_err(|e| describe(&e.to_string()))?;
        }
        Ok((title, metadata, text))
    });
    let (title, metadata, raw) = match result {
        Ok(r) => r?,
        Err(_) => {
            return Err(FileProblem::Damaged {
                format: PDF,
                detail: "its text cannot be read".into(),
            })
        }
    };
    // Paragraphs are separated by blank lines in pdf-extract's layout; lines within one are
    // joined with a space (a line break in a PDF is layout, not content).
    let pieces: Vec<(BlockKind, String)> = raw
        .split("\n\n")
        .map(|block| {
            (
                BlockKind::Paragraph,
                block
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .collect();
    let (text, blocks) = join_blocks(pieces);
    if blocks.is_empty() {
        return Err(FileProblem::NoTextLayer);
    }
    Ok(Extracted {
        title,
        text,
        blocks,
        metadata,
    })
}

/// The problem of a PDF the reader refused, from its message.
fn describe(error: &str) -> FileProblem {
    if error.to_ascii_lowercase().contains("decrypt")
        || error.to_ascii_lowercase().contains("encrypt")
    {
        FileProblem::Encrypted { format: PDF }
    } else {
        FileProblem::Damaged {
            format: PDF,
            detail: error.to_string(),
        }
    }
}

/// A dictionary entry, following a reference.
fn resolve<'a>(
    doc: &'a pdf_extract::Document,
    o: &'a pdf_extract::Object,
) -> &'a pdf_extract::Object {
    match o {
        pdf_extract::Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn text_of(
    doc: &pdf_extract::Document,
    dict: &pdf_extract::Dictionary,
    key: &[u8],
) -> Option<String> {
    match resolve(doc, dict.get(key).ok()?) {
        pdf_extract::Object::String(bytes, _) => clean(&decode_pdf_string(bytes)),
        pdf_extract::Object::Name(name) => clean(&String::from_utf8_lossy(name)),
        _ => None,
    }
}

/// The title and metadata the file states: its info dictionary (`/Title`, `/Author`,
/// `/CreationDate`, `/Subject`), the catalog's `/Lang`, and the XMP stream for what the
/// dictionary leaves out (`dc:creator`, `prism:publicationDate`, `xmp:CreateDate`,
/// `dc:language`, `dc:description`). A publication date in XMP comes before the file's
/// creation date.
fn document_metadata(doc: &pdf_extract::Document) -> (Option<String>, Metadata) {
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|i| match resolve(doc, i) {
            pdf_extract::Object::Dictionary(d) => Some(d),
            _ => None,
        });
    let catalog = doc.catalog().ok();
    let mut m = Metadata::default();
    let mut title = None;
    if let Some(info) = info {
        title = text_of(doc, info, b"Title");
        m.authors = text_of(doc, info, b"Author")
            .map(|a| author_names(&a))
            .unwrap_or_default();
        m.published = text_of(doc, info, b"CreationDate").and_then(|d| normalise_date(&d));
        m.description = text_of(doc, info, b"Subject");
    }
    m.language = catalog
        .and_then(|c| text_of(doc, c, b"Lang"))
        .and_then(|l| language_tag(&l));
    let xmp = catalog
        .and_then(|c| c.get(b"Metadata").ok())
        .and_then(|x| match resolve(doc, x) {
            pdf_extract::Object::Stream(s) => s
                .decompressed_content()
                .ok()
                .or_else(|| Some(s.content.clone())),
            _ => None,
        })
        .map(|bytes| xmp(&String::from_utf8_lossy(&bytes)));
    if let Some((xmp_title, x)) = xmp {
        title = title.or(xmp_title);
        let published = x.published.clone();
        m = m.or(x);
        if published.is_some() {
            m.published = published;
        }
    }
    (title, m)
}

/// An XMP element's attributes that are properties (`xmp:CreateDate="..."`).
fn attributes(e: &quick_xml::events::BytesStart, props: &mut Vec<(String, String)>) {
    for a in e.attributes().flatten() {
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        if !key.starts_with("xmlns") && !key.starts_with("rdf:") {
            props.push((key, String::from_utf8_lossy(&a.value).into_owned()));
        }
    }
}

/// The properties of an XMP packet: each property's text (an attribute's value, an
/// element's text or its `rdf:li` items), by its qualified name.
fn xmp(xml: &str) -> (Option<String>, Metadata) {
    let mut props: Vec<(String, String)> = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut open: Vec<String> = Vec::new();
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) => {
                attributes(&e, &mut props);
                open.push(String::from_utf8_lossy(e.name().as_ref()).into_owned());
            }
            Event::Empty(e) => attributes(&e, &mut props),
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) => {
                if let Some(prop) = open
                    .iter()
                    .rev()
                    .find(|n| !n.starts_with("rdf:") && !n.starts_with("x:"))
                {
                    let text = String::from_utf8_lossy(t.as_ref()).into_owned();
                    if !text.trim().is_empty() {
                        props.push((prop.clone(), text));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let all = |key: &'static str| {
        props
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let first = |key: &'static str| all(key).find_map(clean);
    let m = Metadata {
        authors: all("dc:creator").flat_map(author_names).collect(),
        published: [
            "prism:publicationDate",
            "prism:coverDate",
            "xmp:CreateDate",
            "dc:date",
        ]
        .iter()
        .find_map(|k| first(k).and_then(|d| normalise_date(&d))),
        language: first("dc:language").and_then(|l| language_tag(&l)),
        description: first("dc:description"),
        url: first("prism:url").and_then(|u| super::metadata::web_address(&u)),
        site: first("prism:publicationName"),
    };
    (first("dc:title"), m)
}

/// PDF text strings are UTF-16BE with a byte order mark, or PDFDocEncoding (close to Latin-1).
fn decode_pdf_string(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        encoding_rs::UTF_16BE
            .decode_without_bom_handling(&bytes[2..])
            .0
            .into_owned()
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_pdf_is_a_clear_error() {
        let err = extract(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF")
            .unwrap_err();
        assert!(err.to_string().contains("PDF"), "{err}");
    }

    // An encrypted PDF: `index/tests/library.rs` (an_encrypted_pdf_is_named_as_such).

    #[test]
    fn pdf_strings_decode() {
        assert_eq!(decode_pdf_string(b"\xfe\xff\x00H\x00i"), "Hi");
        assert_eq!(decode_pdf_string(b"Caf\xe9"), "Café");
    }
}
