//! PDF: text by pdf-extract (on lopdf), title from the document's metadata. pdf-extract
//! can panic on malformed files; a panic is caught and reported as a bad file.

use super::{join_blocks, Extracted};
use crate::model::BlockKind;

pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let result = std::panic::catch_unwind(|| -> Result<(Option<String>, String), String> {
        let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| describe(&e.to_string()))?;
        if doc.is_encrypted() {
            return Err(
                "the PDF is encrypted; save an unprotected copy and import that".to_string(),
            );
        }
        let title = metadata_title(&doc);
        let mut text = String::new();
        {
            let mut output = pdf_extract::PlainTextOutput::new(&mut text);
            pdf_extract::output_doc(&doc, &mut output).map_err(|e| describe(&e.to_string()))?;
        }
        Ok((title, text))
    });
    let (title, raw) = match result {
        Ok(r) => r?,
        Err(_) => return Err("the PDF is damaged and its text cannot be read".to_string()),
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
        return Err(
            "the PDF has no text layer (a scan?); Verbatim reads PDFs with text".to_string(),
        );
    }
    Ok(Extracted {
        title,
        text,
        blocks,
    })
}

fn describe(error: &str) -> String {
    if error.to_ascii_lowercase().contains("decrypt")
        || error.to_ascii_lowercase().contains("encrypt")
    {
        "the PDF is encrypted; save an unprotected copy and import that".to_string()
    } else {
        format!("the PDF cannot be read ({error})")
    }
}

fn metadata_title(doc: &pdf_extract::Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let dict = match info {
        pdf_extract::Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        pdf_extract::Object::Dictionary(d) => d,
        _ => return None,
    };
    let title = match dict.get(b"Title").ok()? {
        pdf_extract::Object::String(bytes, _) => decode_pdf_string(bytes),
        _ => return None,
    };
    let title = super::collapse_whitespace(&title);
    (!title.is_empty()).then_some(title)
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
        assert!(err.contains("PDF"), "{err}");
    }

    #[test]
    fn pdf_strings_decode() {
        assert_eq!(decode_pdf_string(b"\xfe\xff\x00H\x00i"), "Hi");
        assert_eq!(decode_pdf_string(b"Caf\xe9"), "Café");
    }
}
