//! Word documents: a DOCX is a zip of XML parts. The text is the `w:t` runs of
//! `word/document.xml`, one block per `w:p`, headings and captions by their paragraph
//! style; the title, authors, date, language and description come from
//! `docProps/core.xml`. Each part is read with a size cap, so a zip bomb is
//! refused instead of filling memory.

use super::metadata::{author_names, clean, language_tag, normalise_date};
use super::{join_blocks, Extracted};
use crate::error::FileProblem;
use crate::model::{BlockKind, Metadata};
use quick_xml::events::Event;
use std::io::Read;

/// The largest XML part read, uncompressed. A news article's document.xml is well under a
/// megabyte; the cap stops a zip bomb.
const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;

const WORD: &str = "Word document";

/// The problem of a damaged Word document.
fn damaged(detail: impl std::fmt::Display) -> FileProblem {
    FileProblem::Damaged {
        format: WORD,
        detail: detail.to_string(),
    }
}

pub fn extract(bytes: &[u8]) -> Result<Extracted, FileProblem> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(damaged)?;
    let body = read_part(&mut zip, "word/document.xml")?.ok_or(FileProblem::NotAWordDocument)?;
    let (core_title, metadata) = read_part(&mut zip, "docProps/core.xml")
        .ok()
        .flatten()
        .map(|xml| core_properties(&xml))
        .unwrap_or_default();
    let pieces = paragraphs(&body)?;
    let style_title = pieces
        .iter()
        .find(|(k, _)| *k == BlockKind::Heading)
        .map(|(_, t)| t.trim().to_string());
    let (text, blocks) = join_blocks(pieces);
    Ok(Extracted {
        title: core_title.or(style_title),
        text,
        blocks,
        metadata,
    })
}

fn read_part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, FileProblem> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(damaged(e)),
    };
    if file.encrypted() {
        return Err(FileProblem::Encrypted { format: WORD });
    }
    let mut out = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(damaged)?;
    if out.len() as u64 > MAX_PART_BYTES {
        return Err(FileProblem::ExpandsTooFar {
            limit_mb: MAX_PART_BYTES / 1_000_000,
        });
    }
    String::from_utf8(out)
        .map(Some)
        .map_err(|_| damaged("its XML is not UTF-8"))
}

fn paragraphs(xml: &str) -> Result<Vec<(BlockKind, String)>, FileProblem> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut kind = BlockKind::Paragraph;
    let mut in_text = false;
    loop {
        match reader
            .read_event()
            .map_err(|e| damaged(format!("its XML: {e}")))?
        {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:pStyle" => {
                if let Some(val) = e.try_get_attribute("w:val").ok().flatten() {
                    let style = String::from_utf8_lossy(&val.value).to_ascii_lowercase();
                    if style.starts_with("heading") || style == "title" {
                        kind = BlockKind::Heading;
                    } else if style == "caption" {
                        kind = BlockKind::Caption;
                    }
                }
            }
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Empty(e) if matches!(e.name().as_ref(), b"w:tab" | b"w:br" | b"w:cr") => {
                current.push(' ')
            }
            Event::Text(t) if in_text => {
                let raw = String::from_utf8_lossy(t.as_ref()).into_owned();
                current.push_str(
                    &quick_xml::escape::unescape(&raw)
                        .map(|s| s.into_owned())
                        .unwrap_or(raw),
                );
            }
            Event::GeneralRef(r) if in_text => {
                let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                let entity = format!("&{name};");
                current.push_str(
                    &quick_xml::escape::unescape(&entity)
                        .map(|s| s.into_owned())
                        .unwrap_or(entity),
                );
            }
            Event::End(e) if e.name().as_ref() == b"w:p" => {
                out.push((kind, std::mem::take(&mut current)));
                kind = BlockKind::Paragraph;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Appends `raw`, unescaped, to the value of element `name`.
fn append(values: &mut Vec<(String, String)>, name: &str, raw: String) {
    let text = quick_xml::escape::unescape(&raw)
        .map(|s| s.into_owned())
        .unwrap_or(raw);
    match values.iter_mut().find(|(k, _)| k == name) {
        Some((_, v)) => v.push_str(&text),
        None => values.push((name.to_string(), text)),
    }
}

/// The core properties (Dublin Core): `dc:title`, `dc:creator` (authors, separated by
/// `;` or `,`), `dcterms:created`, `dc:language`, `dc:description`.
fn core_properties(xml: &str) -> (Option<String>, Metadata) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut current: Option<String> = None;
    let mut values: Vec<(String, String)> = Vec::new();
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) => {
                current = Some(String::from_utf8_lossy(e.name().as_ref()).into_owned())
            }
            Event::End(_) => current = None,
            // Text and the entities inside it (`&amp;`) arrive apart; each is unescaped and
            // appended to the open element's value.
            Event::Text(t) => {
                if let Some(name) = &current {
                    append(
                        &mut values,
                        name,
                        String::from_utf8_lossy(t.as_ref()).into_owned(),
                    );
                }
            }
            Event::GeneralRef(r) => {
                if let Some(name) = &current {
                    append(
                        &mut values,
                        name,
                        format!("&{};", String::from_utf8_lossy(r.as_ref())),
                    );
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let get = |key: &str| {
        values
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| clean(v))
    };
    let metadata = Metadata {
        authors: get("dc:creator")
            .map(|c| author_names(&c))
            .unwrap_or_default(),
        published: get("dcterms:created").and_then(|d| normalise_date(&d)),
        language: get("dc:language").and_then(|l| language_tag(&l)),
        description: get("dc:description"),
        ..Default::default()
    };
    (get("dc:title"), metadata)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal DOCX with a title in its metadata, a heading and paragraphs.
    pub(crate) fn make_docx(title: &str, paragraphs: &[(&str, &str)]) -> Vec<u8> {
        let mut body = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
        );
        for (style, text) in paragraphs {
            body.push_str("<w:p>");
            if !style.is_empty() {
                body.push_str(&format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#));
            }
            body.push_str(&format!(
                r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
            ));
        }
        body.push_str("</w:body></w:document>");
        let core = format!(
            r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></cp:coreProperties>"#
        );
        let mut buf = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut buf));
            let opts = zip::write::SimpleFileOptions::default();
            zip.start_file("word/document.xml", opts).unwrap();
            zip.write_all(body.as_bytes()).unwrap();
            zip.start_file("docProps/core.xml", opts).unwrap();
            zip.write_all(core.as_bytes()).unwrap();
            zip.finish().unwrap();
        }
        buf
    }

    #[test]
    fn reads_paragraphs_headings_and_title() {
        let docx = make_docx(
            "Storm Report",
            &[
                ("Heading1", "The storm"),
                ("", "Winds reached 120 km/h, the agency said."),
                ("", "“Stay inside,” said Ana Ruiz &amp; her team."),
            ],
        );
        let e = extract(&docx).unwrap();
        assert_eq!(e.title.as_deref(), Some("Storm Report"));
        assert_eq!(e.blocks[0].0, BlockKind::Heading);
        assert!(
            e.text.contains("“Stay inside,” said Ana Ruiz & her team."),
            "{}",
            e.text
        );
    }

    #[test]
    fn zip_bomb_is_refused() {
        let mut buf = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut buf));
            zip.start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            let chunk = vec![b' '; 1024 * 1024];
            for _ in 0..40 {
                zip.write_all(&chunk).unwrap();
            }
            zip.finish().unwrap();
        }
        assert!(buf.len() < 1_000_000, "the bomb is small on disk");
        let err = extract(&buf).unwrap_err();
        assert!(matches!(err, FileProblem::ExpandsTooFar { .. }), "{err}");
    }

    #[test]
    fn a_zip_that_is_not_a_docx_is_named_so() {
        let mut buf = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut buf));
            zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.finish().unwrap();
        }
        assert_eq!(extract(&buf), Err(FileProblem::NotAWordDocument));
    }
}
