//! Ingestion: a file's bytes become a title, a text, its blocks (headings, paragraphs and
//! figure captions) and what the file says of itself (authors, outlet, date, address,
//! language: [`Metadata`]). One format per file (HTML a folder: the walk, its furniture
//! rules, its metadata), `metadata.rs` what they share (dates, names, language tags, a
//! text's header); `extract` picks the format by extension and, where the extension is
//! missing or lies, by the bytes themselves.

mod depth;
mod docx;
mod html;
mod metadata;
mod pdf;
mod text;

use crate::error::FileProblem;
use crate::model::{BlockKind, Metadata, Span};

pub use text::decode_text;

/// Files larger than this are refused with a clear message: a news article is rarely over
/// a megabyte, and a cap keeps memory bounded whatever is dropped on the window.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What ingestion makes of a file, before segmentation into sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The title found in the document itself, if any.
    pub title: Option<String>,
    pub text: String,
    pub blocks: Vec<(BlockKind, Span)>,
    /// What the file says of its authors, outlet, date, address and language.
    pub metadata: Metadata,
}

/// The file extensions Verbatim imports, lowercase, and the format each names (the open
/// dialog's filter is made from this list too).
pub const EXTENSIONS: &[(&str, Format)] = &[
    ("txt", Format::Text),
    ("text", Format::Text),
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("xhtml", Format::Html),
    ("pdf", Format::Pdf),
    ("docx", Format::Docx),
];

/// The formats Verbatim reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
    Docx,
}

impl Format {
    /// The format a file's name says, if it names one.
    pub fn from_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        EXTENSIONS
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, format)| *format)
    }

    /// The format the bytes show, for files whose name says nothing or the wrong thing.
    fn sniff(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(b"%PDF-") {
            return Some(Format::Pdf);
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return Some(Format::Docx);
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            return Some(Format::Html);
        }
        None
    }
}

/// The files to import for what the user chose: each file as given, and for each folder
/// every file inside it (recursively, in name order) whose extension Verbatim reads. Other
/// files in folders are counted in `skipped`; hidden files and folders (a leading `.`) are
/// passed over, and links to folders are not followed (no loops).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chosen {
    pub files: Vec<std::path::PathBuf>,
    pub skipped: usize,
}

/// See [`Chosen`]. A folder that cannot be read is passed over like an unreadable file is
/// reported: the import goes on with the rest.
pub fn files_in(paths: &[std::path::PathBuf]) -> Chosen {
    let mut chosen = Chosen::default();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut chosen);
        } else {
            chosen.files.push(path.clone());
        }
    }
    chosen
}

fn walk(dir: &std::path::Path, chosen: &mut Chosen) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = read.filter_map(std::result::Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            walk(&e.path(), chosen);
        } else if Format::from_name(&name).is_some() && (kind.is_file() || e.path().is_file()) {
            chosen.files.push(e.path());
        } else if !kind.is_symlink() || e.path().is_file() {
            chosen.skipped += 1;
        }
    }
}

/// The problem of a file of `bytes` bytes over [`MAX_FILE_BYTES`].
pub fn too_large(bytes: u64) -> FileProblem {
    FileProblem::TooLarge {
        megabytes: bytes / 1_000_000,
        limit: MAX_FILE_BYTES / 1_000_000,
    }
}

/// Reads one document from its bytes. `name` is the file name, used for the format. The
/// error says what is wrong, without the file name (the caller adds it).
pub fn extract(name: &str, bytes: &[u8]) -> Result<Extracted, FileProblem> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    // A PDF or DOCX's magic bytes decide even against the name; for text-like names the
    // name decides (a .txt full of HTML is shown as the text it is).
    let named = Format::from_name(name);
    let format = match (named, Format::sniff(bytes)) {
        (_, Some(f @ (Format::Pdf | Format::Docx))) => f,
        (Some(Format::Pdf | Format::Docx), _) => {
            return Err(FileProblem::NotWhatItsNameSays {
                named: if named == Some(Format::Pdf) {
                    "PDF"
                } else {
                    "Word document"
                },
            })
        }
        (Some(f), _) => f,
        (None, Some(f)) => f,
        (None, None) => Format::Text,
    };
    let extracted = match format {
        Format::Text => text::plain(bytes)?,
        Format::Markdown => text::markdown(bytes)?,
        Format::Html => html::extract(bytes)?,
        Format::Pdf => pdf::extract(bytes)?,
        Format::Docx => docx::extract(bytes)?,
    };
    if extracted.blocks.is_empty() {
        return Err(FileProblem::NoText);
    }
    Ok(extracted)
}

/// A title made from a file name: `moscow-beijing_alliance.txt` -> `Moscow beijing alliance`.
pub fn title_from_file_name(name: &str) -> String {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = stem.rsplit_once('.').map(|(s, _)| s).unwrap_or(stem);
    let words: String = stem
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Untitled".to_string(),
    }
}

/// Builds text and blocks from extracted pieces (for formats whose text is taken out of
/// markup): blocks are joined by blank lines, each with its span in the joined text.
pub(crate) fn join_blocks(pieces: Vec<(BlockKind, String)>) -> (String, Vec<(BlockKind, Span)>) {
    let mut text = String::new();
    let mut blocks = Vec::new();
    for (kind, piece) in pieces {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(piece);
        blocks.push((kind, Span::new(start, text.len())));
    }
    (text, blocks)
}

/// Collapses runs of white space (as a browser renders HTML) to one space.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_gives_the_files_it_holds_that_can_be_read() {
        let dir = tempfile::tempdir().expect("tmp");
        let d = dir.path();
        for f in [
            "b.md",
            "a.txt",
            "notes.xlsx",
            "photo.jpg",
            ".hidden.txt",
            "sub/c.HTML",
            "sub/deep/d.pdf",
            ".git/e.txt",
        ] {
            let path = d.join(f);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
            std::fs::write(path, "x").expect("written");
        }
        let loose = d.join("loose.xlsx");
        let chosen = files_in(&[d.join("missing"), d.to_path_buf(), loose.clone()]);
        let names: Vec<String> = chosen
            .files
            .iter()
            .map(|p| p.strip_prefix(d).unwrap_or(p).display().to_string())
            .collect();
        // A path given is kept as it is (the import says what is wrong with it); inside
        // folders, in name order, the files of a readable format.
        assert_eq!(
            names,
            [
                "missing",
                "a.txt",
                "b.md",
                "sub/c.HTML",
                "sub/deep/d.pdf",
                "loose.xlsx"
            ]
        );
        assert_eq!(chosen.skipped, 2);
    }

    #[test]
    fn titles_from_file_names() {
        assert_eq!(
            title_from_file_name("/a/b/moscow-beijing_alliance.txt"),
            "Moscow beijing alliance"
        );
        assert_eq!(title_from_file_name("x.md"), "X");
        assert_eq!(title_from_file_name(".txt"), "Untitled");
    }

    #[test]
    fn format_by_name_and_by_bytes() {
        assert_eq!(Format::from_name("A.HTM"), Some(Format::Html));
        assert_eq!(Format::from_name("noext"), None);
        assert_eq!(Format::sniff(b"%PDF-1.4 ..."), Some(Format::Pdf));
        assert_eq!(Format::sniff(b"  <!DOCTYPE html><p>x"), Some(Format::Html));
    }

    #[test]
    fn a_pdf_named_txt_is_read_as_pdf_and_fails_as_pdf() {
        let err = extract("a.txt", b"%PDF-1.4 garbage")
            .unwrap_err()
            .to_string();
        assert!(err.contains("PDF"), "{err}");
    }

    #[test]
    fn a_text_named_pdf_is_refused_clearly() {
        let err = extract("a.pdf", b"hello").unwrap_err().to_string();
        assert!(err.contains("not one"), "{err}");
    }

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let big = vec![b'a'; MAX_FILE_BYTES as usize + 1];
        assert!(matches!(
            extract("big.txt", &big),
            Err(FileProblem::TooLarge { .. })
        ));
    }
}
