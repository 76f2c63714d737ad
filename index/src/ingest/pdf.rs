//! PDF: text by pdf-extract (on lopdf), title from the document's metadata. pdf-extract
//! can panic on malformed files; a panic is caught and reported as a bad file.

use super::{join_blocks, Extracted};
use crate::error::FileProblem;
use crate::model::BlockKind;

const PDF: &str = "PDF";

pub fn extract(bytes: &[u8]) -> Result<Extracted, FileProblem> {
    let result = std::panic::catch_unwind(|| -> Result<(Option<String>, String), FileProblem> {
        let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| describe(&e.to_string()))?;
        if doc.is_encrypted() {
            return Err(FileProblem::Encrypted { format: PDF });
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
        assert!(err.to_string().contains("PDF"), "{err}");
    }

    /// A one-page PDF whose trailer says it is encrypted (standard security handler).
    fn encrypted_pdf() -> Vec<u8> {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            "<< /Filter /Standard /V 1 /R 2 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -44 >>",
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for off in offsets {
            out.extend(format!("{off:010} 00000 n \n").as_bytes());
        }
        out.extend(format!("trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [(abc) (abc)] >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        out
    }

    #[test]
    fn encrypted_pdf_is_named_as_such() {
        let err = extract(&encrypted_pdf()).unwrap_err();
        assert_eq!(err, FileProblem::Encrypted { format: PDF }, "{err}");
    }

    #[test]
    fn pdf_strings_decode() {
        assert_eq!(decode_pdf_string(b"\xfe\xff\x00H\x00i"), "Hi");
        assert_eq!(decode_pdf_string(b"Caf\xe9"), "Café");
    }
}
