//! Files the integration tests make: small PDFs written object by object.

// Each test file uses a part of it.
#![allow(dead_code)]

/// A PDF of `objects` (numbered from 1, in order) with a cross-reference table, and
/// `trailer` as its trailer's entries besides `/Size`.
pub fn pdf_file(objects: &[String], trailer: &str) -> Vec<u8> {
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
    out.extend(
        format!(
            "trailer\n<< /Size {} {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A one-page PDF showing `line`, with `catalog` added to its catalog and `info` as its
/// info dictionary's entries (`/Title (Budget Report)`).
pub fn text_pdf(line: &str, catalog: &str, info: &str) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 720 Td ({line}) Tj ET");
    let objects = [
        format!("<< /Type /Catalog /Pages 2 0 R {catalog}>>"),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        format!("<< {info} >>"),
    ];
    pdf_file(&objects, "/Root 1 0 R /Info 6 0 R")
}

/// A one-page PDF whose trailer says it is encrypted (standard security handler).
pub fn encrypted_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        "<< /Filter /Standard /V 1 /R 2 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -44 >>",
    ]
    .map(str::to_string);
    pdf_file(&objects, "/Root 1 0 R /Encrypt 4 0 R /ID [(abc) (abc)]")
}
