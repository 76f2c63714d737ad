//! Plain text and Markdown: decoding the bytes (UTF-8, UTF-16 with or without a byte order
//! mark, legacy 8-bit encodings detected by chardetng) and finding the blocks. The stored
//! text is the decoded file, character for character. What the first lines say of the
//! document (front matter, a `By` line, a date line) is its metadata
//! (`metadata::text_header`).

use super::Extracted;
use crate::error::FileProblem;
use crate::model::{BlockKind, Span};

/// Decodes a text file's bytes. Refuses binary data with a clear reason.
pub fn decode_text(bytes: &[u8]) -> Result<String, FileProblem> {
    let text = if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(FileProblem::BadEncoding {
                encoding: encoding.name(),
            });
        }
        text.into_owned()
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_owned()
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    };
    if looks_binary(&text) {
        return Err(FileProblem::Binary);
    }
    Ok(text)
}

/// UTF-16 without a byte order mark shows as a zero byte in every other position for
/// Latin-script text. Half the pairs having one is far beyond what any 8-bit text has.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let (mut zero_even, mut zero_odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        if pair[0] == 0 && pair[1] != 0 {
            zero_even += 1;
        }
        if pair[1] == 0 && pair[0] != 0 {
            zero_odd += 1;
        }
    }
    if zero_odd * 2 > pairs && zero_even * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if zero_even * 2 > pairs && zero_odd * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Text has no NUL and almost no other control characters; binary data is full of them.
fn looks_binary(text: &str) -> bool {
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c == '\0' {
            return true;
        }
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || c == '\u{fffd}' {
            controls += 1;
        }
    }
    total > 0 && controls * 100 > total
}

/// A plain text file: paragraphs are separated by blank lines where the file has them,
/// else each line is a paragraph (the common export of news text). A short line without
/// closing punctuation followed by a longer paragraph is a heading.
pub fn plain(bytes: &[u8]) -> Result<Extracted, FileProblem> {
    let text = decode_text(bytes)?;
    let has_blank_lines = lines(&text).any(|l| l.trim().is_empty())
        && lines(&text).filter(|l| !l.trim().is_empty()).count() > 1;
    let mut spans: Vec<Span> = Vec::new();
    let mut block_start: Option<usize> = None;
    let mut last_end = 0;
    let mut offset = 0;
    for line in lines(&text) {
        let content = line.trim_end_matches(['\n', '\r']);
        let blank = content.trim().is_empty();
        if blank || !has_blank_lines {
            if let Some(start) = block_start.take() {
                spans.push(Span::new(start, last_end));
            }
        }
        if !blank {
            let lead = content.len() - content.trim_start().len();
            if block_start.is_none() {
                block_start = Some(offset + lead);
            }
            last_end = offset + content.trim_end().len();
        }
        offset += line.len();
    }
    if let Some(start) = block_start {
        spans.push(Span::new(start, last_end));
    }
    let mut blocks: Vec<(BlockKind, Span)> =
        spans.iter().map(|s| (BlockKind::Paragraph, *s)).collect();
    for i in 0..blocks.len() {
        let next = blocks.get(i + 1).map(|(_, s)| s.text(&text));
        if looks_like_heading(blocks[i].1.text(&text), next) {
            blocks[i].0 = BlockKind::Heading;
        }
    }
    // A first heading is the document's headline.
    let title = match blocks.first() {
        Some((BlockKind::Heading, span)) => Some(span.text(&text).to_string()),
        _ => None,
    };
    let (_, metadata) = super::metadata::text_header(&text);
    Ok(Extracted {
        title,
        text,
        blocks,
        metadata,
    })
}

/// The lines of a text with their line ends: `\r\n`, `\n`, or `\r` alone (old Mac files),
/// in any mix.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let from = start;
        let end = bytes[from..]
            .iter()
            .enumerate()
            .find_map(|(i, &b)| match b {
                b'\n' => Some(from + i + 1),
                b'\r' if bytes.get(from + i + 1) != Some(&b'\n') => Some(from + i + 1),
                _ => None,
            })
            .unwrap_or(bytes.len());
        start = end;
        Some(&text[from..end])
    })
}

/// A heading is one short line, starting with a capital or digit, not ending as a sentence
/// or a quote does, followed by a longer block.
fn looks_like_heading(block: &str, next: Option<&str>) -> bool {
    let Some(next) = next else { return false };
    let words = block.split_whitespace().count();
    let first = block.chars().next().unwrap_or(' ');
    let last = block.chars().last().unwrap_or('.');
    !block.contains(['\n', '\r'])
        && (1..=14).contains(&words)
        && (first.is_uppercase() || first.is_ascii_digit())
        && !matches!(
            last,
            '.' | ',' | ';' | ':' | '"' | '\u{201d}' | '\u{2019}' | '\'' | '\u{bb}'
        )
        && next.len() > block.len()
}

/// A Markdown file: the stored text is the file as written; blocks are the text of its
/// headings and paragraphs (without the `#` markers), found by pulldown-cmark.
pub fn markdown(bytes: &[u8]) -> Result<Extracted, FileProblem> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let text = decode_text(bytes)?;
    let mut blocks = Vec::new();
    let mut current: Option<(BlockKind, Option<Span>)> = None;
    let mut title = None;
    // YAML front matter is the file's metadata, not its text.
    let options = pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for (event, range) in Parser::new_ext(&text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => current = Some((BlockKind::Heading, None)),
            Event::Start(Tag::Paragraph) => current = Some((BlockKind::Paragraph, None)),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph) => {
                if let Some((kind, Some(span))) = current.take() {
                    if kind == BlockKind::Heading && title.is_none() && blocks.is_empty() {
                        title = Some(span.text(&text).to_string());
                    }
                    blocks.push((kind, span));
                }
            }
            Event::Text(_) | Event::Code(_) | Event::InlineHtml(_) => {
                if let Some((_, span)) = current.as_mut() {
                    *span = Some(match span {
                        Some(s) => Span::new(s.start, range.end.max(s.end)),
                        None => Span::new(range.start, range.end),
                    });
                }
            }
            _ => {}
        }
    }
    let (front_title, metadata) = super::metadata::text_header(&text);
    Ok(Extracted {
        title: front_title.or(title),
        text,
        blocks,
        metadata,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_latin1_windows1252_and_utf16_decode() {
        assert_eq!(
            decode_text("Zürich “quoted”".as_bytes()).unwrap(),
            "Zürich “quoted”"
        );
        // Latin-1 / Windows-1252: é is 0xE9, curly quotes 0x93 0x94.
        let cp1252 = b"Caf\xe9 \x93au lait\x94 in Z\xfcrich, said Ren\xe9e.";
        assert_eq!(
            decode_text(cp1252).unwrap(),
            "Café “au lait” in Zürich, said Renée."
        );
        let utf16le: Vec<u8> = "Hello, Zoë said."
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode_text(&utf16le).unwrap(), "Hello, Zoë said.");
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend(&utf16le);
        assert_eq!(decode_text(&with_bom).unwrap(), "Hello, Zoë said.");
        let utf16be: Vec<u8> = "Big end."
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode_text(&utf16be).unwrap(), "Big end.");
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 256) as u8).collect();
        assert_eq!(decode_text(&bytes), Err(FileProblem::Binary));
        assert!(decode_text(b"\x7fELF\x02\x01\x01\x00\x00\x00").is_err());
    }

    #[test]
    fn lines_are_paragraphs_and_short_lines_headings() {
        let e = plain(b"First paragraph here, long enough.\nA Heading\nSecond paragraph, which is longer than the heading.\n").unwrap();
        let kinds: Vec<_> = e.blocks.iter().map(|b| b.0).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(e.blocks[1].1.text(&e.text), "A Heading");
        assert_eq!(e.title, None);
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_crlf_is_kept() {
        let e = plain(
            b"Headline Here\r\n\r\nLine one\r\nline two of the same paragraph.\r\n\r\nNext.\r\n",
        )
        .unwrap();
        assert_eq!(e.blocks.len(), 3);
        assert_eq!(e.title.as_deref(), Some("Headline Here"));
        assert_eq!(
            e.blocks[1].1.text(&e.text),
            "Line one\r\nline two of the same paragraph."
        );
        assert!(e.text.contains("\r\n"));
    }

    #[test]
    fn empty_text_has_no_blocks() {
        assert!(plain(b"").unwrap().blocks.is_empty());
        assert!(plain(b"  \n\n ").unwrap().blocks.is_empty());
    }

    #[test]
    fn markdown_blocks_point_into_the_source() {
        let src = "# The Headline\n\nSome *text* with “quotes”.\n\n## Part two\n\nMore.\n";
        let e = markdown(src.as_bytes()).unwrap();
        assert_eq!(e.text, src);
        assert_eq!(e.title.as_deref(), Some("The Headline"));
        let texts: Vec<_> = e.blocks.iter().map(|(_, s)| s.text(&e.text)).collect();
        assert_eq!(
            texts,
            vec![
                "The Headline",
                "Some *text* with “quotes”.",
                "Part two",
                "More."
            ]
        );
    }
}
