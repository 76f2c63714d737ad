//! Reading files into documents: on all cores, handed on in file order; ids from file
//! names; the bundled article.

use super::BUNDLED_ID;
use crate::error::{Error, FileProblem, Result};
use crate::ingest;
use crate::model::{BlockKind, Document};
use crate::pipeline;
use std::collections::HashSet;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// The most threads reading and analysing files at once.
const MAX_READERS: usize = 4;

/// Reads and analyses files on as many threads as the machine has cores (at most
/// `MAX_READERS`), and hands each outcome to `each` on this thread in the order of the
/// files. Stops starting files once `cancel` is set.
pub(super) fn read_documents(
    paths: &[PathBuf],
    cancel: &AtomicBool,
    each: &mut dyn FnMut(usize, Result<Document>),
) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_READERS)
        .min(paths.len());
    if threads <= 1 {
        for (i, path) in paths.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            each(i, read_document(path));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= paths.len() || cancel.load(Ordering::Relaxed) {
                    break;
                }
                if tx.send((i, read_document(&paths[i]))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        // Outcomes arrive in any order; they are handed on in file order.
        let mut waiting: Vec<Option<Result<Document>>> = Vec::new();
        let mut emitted = 0;
        for (i, outcome) in rx {
            if waiting.len() <= i {
                waiting.resize_with(i + 1, || None);
            }
            waiting[i] = Some(outcome);
            while let Some(outcome) = waiting.get_mut(emitted).and_then(Option::take) {
                each(emitted, outcome);
                emitted += 1;
            }
        }
    });
}

/// Reads and extracts one file (without analysing it).
fn read_extracted(path: &Path) -> Result<(String, ingest::Extracted)> {
    let meta = fs::metadata(path).map_err(|e| Error::bad_file(path, io_problem(&e)))?;
    if meta.is_dir() {
        return Err(Error::bad_file(path, FileProblem::Folder));
    }
    // A pipe would block the import until something writes to it, and a device like
    // /dev/zero never ends: only regular files are read.
    if !meta.is_file() {
        return Err(Error::bad_file(path, FileProblem::NotRegular));
    }
    if meta.len() > ingest::MAX_FILE_BYTES {
        return Err(Error::bad_file(path, ingest::too_large(meta.len())));
    }
    // Read with a cap: a file that grew since it was measured cannot take all memory.
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|f| f.take(ingest::MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::bad_file(path, io_problem(&e)))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extracted =
        ingest::extract(&name, &bytes).map_err(|reason| Error::bad_file(path, reason))?;
    Ok((name, extracted))
}

/// Reads and analyses one file. Its id is the file name's slug, made unique by the caller.
fn read_document(path: &Path) -> Result<Document> {
    let (name, extracted) = read_extracted(path)?;
    let title = extracted
        .title
        .clone()
        .unwrap_or_else(|| ingest::title_from_file_name(&name));
    let id = slug(&name);
    let source = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    Ok(pipeline::analyse(
        &id,
        title,
        Some(source.to_string_lossy().into_owned()),
        extracted,
    ))
}

/// A stored document with its metadata read again from its source file, when the file
/// is still there and still holds the document (at least half of its paragraphs, by
/// text: a file replaced by another article at the same path is not taken for it).
/// Each field the file states replaces the stored one; the others are kept.
pub(super) fn with_metadata_from_source(mut doc: Document) -> Document {
    let Some(path) = doc.source.as_deref().map(PathBuf::from) else {
        return doc;
    };
    let Ok((_, fresh)) = read_extracted(&path) else {
        return doc;
    };
    let paragraphs: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Heading)
        .map(|b| b.span.text(&doc.text))
        .collect();
    let found = paragraphs
        .iter()
        .filter(|p| fresh.text.contains(*p))
        .count();
    if paragraphs.is_empty() || found * 2 < paragraphs.len() {
        return doc;
    }
    doc.metadata = fresh.metadata.or(std::mem::take(&mut doc.metadata));
    doc
}

fn io_problem(e: &std::io::Error) -> FileProblem {
    match e.kind() {
        std::io::ErrorKind::NotFound => FileProblem::NotFound,
        std::io::ErrorKind::PermissionDenied => FileProblem::PermissionDenied,
        _ => FileProblem::Unreadable(e.to_string()),
    }
}

/// An id from a file name: lowercase letters, digits and dashes.
pub(super) fn slug(name: &str) -> String {
    let stem = name
        .rsplit_once('.')
        .map(|(s, _)| s)
        .filter(|s| !s.is_empty())
        .unwrap_or(name);
    let mut out = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    if out.is_empty() {
        "document".to_string()
    } else {
        out
    }
}

pub(super) fn unique_id(base: &str, taken: &mut HashSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// The article every new library starts with.
const BUNDLED_TEXT: &str = include_str!("../../../assets/moscow-beijing-alliance.txt");
const BUNDLED_TITLE: &str = "Moscow and Beijing: one step from an alliance?";

/// The bundled article, analysed.
pub fn bundled_document() -> Document {
    let extracted = ingest::extract("moscow-beijing-alliance.txt", BUNDLED_TEXT.as_bytes())
        .expect("the bundled article is plain text and always extracts");
    pipeline::analyse(BUNDLED_ID, BUNDLED_TITLE.to_string(), None, extracted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_unique_ids() {
        assert_eq!(slug("Moscow & Beijing (2022).txt"), "moscow-beijing-2022");
        assert_eq!(slug("....txt"), "document");
        let mut taken = HashSet::from(["a".to_string()]);
        assert_eq!(unique_id("a", &mut taken), "a-2");
        assert_eq!(unique_id("a", &mut taken), "a-3");
    }
}
