//! The library on disk: one folder holding the stored documents, a manifest that lists
//! them, and the tantivy index.
//!
//! ```text
//! library.json      the manifest: versions, generation, one entry per document
//! docs/<id>.json    each document: its text and everything derived from it
//! index/            tantivy's files
//! library.lock      held while a process changes the library
//! ```
//!
//! The manifest is the commit point. An import writes its documents' files, then commits
//! the index (recording the manifest generation it belongs to), then replaces the manifest
//! by an atomic rename. A crash before the rename leaves the old manifest, which does not
//! list the new files; the index's recorded generation then disagrees with the manifest
//! and the index is rebuilt from the documents the manifest lists. So the library holds
//! exactly the documents of the imports that finished.

use crate::error::{Error, Result};
use crate::ingest;
use crate::model::{Document, DocumentInfo};
use crate::pipeline::{self, ANALYSIS_VERSION};
use crate::search::{SearchIndex, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// The app identifier; the default library lives in the per-user data folder under it,
/// where the desktop app (same identifier) keeps its data too.
pub const APP_IDENTIFIER: &str = "app.verbatim.desktop";

/// The article every new library starts with.
pub const BUNDLED_ID: &str = "moscow-beijing-alliance";
const BUNDLED_TEXT: &str = include_str!("../../assets/moscow-beijing-alliance.txt");
const BUNDLED_TITLE: &str = "Moscow and Beijing: one step from an alliance?";

const MANIFEST: &str = "library.json";
const LOCK: &str = "library.lock";
const DOCS: &str = "docs";
const INDEX: &str = "index";
const FORMAT: u32 = 1;
/// How many times (2 ms apart) a reader reads again a manifest that lags the index.
const WAIT_FOR_MANIFEST: usize = 1_000;

/// A speaker of one document, as the manifest records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntrySpeaker {
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub quotes: usize,
}

/// A document as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub paragraphs: usize,
    pub quotes: usize,
    pub speakers: Vec<EntrySpeaker>,
}

impl Entry {
    fn of(doc: &Document) -> Entry {
        let mut speakers: Vec<EntrySpeaker> = Vec::new();
        for q in &doc.quotes {
            match speakers.iter_mut().find(|s| s.name == q.speaker) {
                Some(s) => s.quotes += 1,
                None => {
                    let person = doc.people.iter().find(|p| p.name == q.speaker);
                    speakers.push(EntrySpeaker {
                        name: q.speaker.clone(),
                        aliases: person.map(|p| p.aliases.clone()).unwrap_or_default(),
                        description: person.and_then(|p| p.description.clone()),
                        quotes: 1,
                    })
                }
            }
        }
        Entry {
            id: doc.id.clone(),
            title: doc.title.clone(),
            source: doc.source.clone(),
            paragraphs: doc.paragraph_count(),
            quotes: doc.quotes.len(),
            speakers,
        }
    }

    pub fn info(&self) -> DocumentInfo {
        DocumentInfo {
            id: self.id.clone(),
            title: self.title.clone(),
            source: self.source.clone(),
            paragraphs: self.paragraphs,
            quotes: self.quotes,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Manifest {
    format: u32,
    schema: u32,
    analysis: u32,
    generation: u64,
    documents: Vec<Entry>,
}

/// How to open a library.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpenOptions {
    /// A new library starts without the bundled article.
    pub empty: bool,
}

/// What happened to one file of an import, reported as it happens.
#[derive(Debug)]
pub enum ImportEvent<'a> {
    /// File `index` of `total` was read: its new id and title, or why it was refused.
    File {
        index: usize,
        total: usize,
        path: &'a Path,
        outcome: std::result::Result<&'a Document, &'a Error>,
    },
    /// All files were read; the library is being updated.
    Committing,
}

/// The outcome of an import: the documents added, and the files refused with the reason.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub added: Vec<DocumentInfo>,
    pub failed: Vec<Error>,
}

/// What `open` had to mend, for the caller to tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    /// The index was rebuilt from the stored documents, and why.
    RebuiltIndex(String),
    /// The documents were analysed again by this version of the engine.
    Reanalysed,
    /// The manifest was damaged and was recovered from the stored documents.
    RecoveredManifest,
}

/// An open library.
pub struct Library {
    dir: PathBuf,
    manifest: Manifest,
    pub(crate) index: SearchIndex,
    repairs: Vec<Repair>,
    speakers: crate::people::SpeakerCache,
    /// The index generation `refresh_if_changed` last reloaded for.
    refreshed_for: Option<u64>,
}

/// Holds the library's write lock while alive.
struct WriteLock(#[allow(dead_code)] File);

impl Library {
    /// The per-user default library folder.
    pub fn default_dir() -> Option<PathBuf> {
        directories::BaseDirs::new().map(|d| d.data_dir().join(APP_IDENTIFIER))
    }

    /// Opens the library in `dir`, creating it when the folder is missing or empty, and
    /// mending what a crash or an older version left.
    pub fn open(dir: impl Into<PathBuf>, options: OpenOptions) -> Result<Library> {
        let dir = dir.into();
        fs::create_dir_all(dir.join(DOCS)).map_err(|e| Error::io(&dir, e))?;
        let manifest_path = dir.join(MANIFEST);
        let mut repairs = Vec::new();
        let manifest = match fs::read(&manifest_path) {
            Ok(bytes) => match serde_json::from_slice::<Manifest>(&bytes) {
                Ok(m) => m,
                Err(_) => {
                    let _lock = lock(&dir)?;
                    repairs.push(Repair::RecoveredManifest);
                    recover_manifest(&dir)?
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let _lock = lock(&dir)?;
                if has_documents(&dir)? {
                    repairs.push(Repair::RecoveredManifest);
                    recover_manifest(&dir)?
                } else {
                    create(&dir, options)?
                }
            }
            Err(e) => return Err(Error::io(manifest_path, e)),
        };
        if manifest.format > FORMAT {
            return Err(Error::Corrupt {
                path: dir,
                reason: "it was written by a newer version of Verbatim; update Verbatim to open it"
                    .into(),
            });
        }
        // Only a process holding the lock makes an index: one that finds none (damaged, or
        // being rebuilt by another process) goes to the mending below.
        let index_dir = dir.join(INDEX);
        let open_index = || {
            if index_dir.join("meta.json").is_file() {
                SearchIndex::open_or_create(&index_dir).map_err(|e| e.to_string())
            } else {
                Err("it is missing".to_string())
            }
        };
        let (index, rebuilt) = match open_index() {
            Ok(index) => (index, None),
            Err(_) => {
                // Rebuilt under the lock: another process may be rebuilding it now (then
                // this one is told the library is busy), or reading it.
                let guard = lock(&dir)?;
                match open_index() {
                    // Another process made or mended it since this one looked.
                    Ok(index) => (index, None),
                    Err(e) => (rebuild_index_dir(&dir)?, Some((guard, e))),
                }
            }
        };
        let mut library = Library {
            dir: dir.clone(),
            manifest,
            index,
            repairs,
            speakers: Default::default(),
            refreshed_for: None,
        };
        if let Some((_guard, e)) = rebuilt {
            library.repairs.push(Repair::RebuiltIndex(format!(
                "the index could not be opened ({e})"
            )));
            // The list as it is now, under the lock (an import may have ended since).
            library.reload_manifest()?;
            library.force_rebuild()?;
            return Ok(library);
        }
        library.mend()?;
        Ok(library)
    }

    /// Brings an index or documents written by another version, or left by a crash, in
    /// line with the manifest.
    fn mend(&mut self) -> Result<()> {
        if self.out_of_line().is_none() {
            return Ok(());
        }
        // Another process may be in the middle of an import (its index is committed, its
        // manifest not yet): then it is not ours to mend; its manifest comes next.
        let Ok(_lock) = lock(&self.dir) else {
            // (Or it is rebuilding the index: then it cannot be read now.)
            return self
                .reload_consistent()
                .map_err(|_| Error::Busy(self.dir.clone()));
        };
        // What was read before the lock may be an import seen half-way that has ended
        // since: its index commit read, its manifest not. Look again, under the lock.
        self.reload_manifest()?;
        let reason = match self.index.reader.reload() {
            Ok(()) => match self.out_of_line() {
                Some(reason) => reason,
                None => return Ok(()),
            },
            Err(e) => format!("it could not be read ({e})"),
        };
        let stale_analysis = self.manifest.analysis != ANALYSIS_VERSION;
        if stale_analysis {
            for entry in self.manifest.documents.clone() {
                let doc = pipeline::reanalyse(self.document(&entry.id)?);
                write_atomic(&self.doc_path(&doc.id), &to_json(&doc)?)?;
            }
            self.manifest.documents = self
                .manifest
                .documents
                .iter()
                .map(|e| self.document(&e.id).map(|d| Entry::of(&d)))
                .collect::<Result<_>>()?;
            self.repairs.push(Repair::Reanalysed);
        }
        self.repairs.push(Repair::RebuiltIndex(reason));
        self.index = rebuild_index_dir(&self.dir)?;
        self.force_rebuild()
    }

    /// Why the index is not in line with the manifest, if it is not.
    fn out_of_line(&self) -> Option<String> {
        if self.manifest.analysis != ANALYSIS_VERSION || self.manifest.schema != SCHEMA_VERSION {
            Some("it was written by another version of Verbatim".to_string())
        } else if self.index.generation() != Some(self.manifest.generation) {
            Some("it did not match the list of documents (an import was interrupted)".to_string())
        } else if !self.manifest.documents.is_empty()
            && self.index.reader.searcher().num_docs() == 0
        {
            Some("it was empty".to_string())
        } else {
            None
        }
    }

    fn force_rebuild(&mut self) -> Result<()> {
        let mut writer = self.index.writer()?;
        writer.delete_all_documents()?;
        for entry in &self.manifest.documents {
            let doc = self.document(&entry.id)?;
            self.index.add(&writer, &doc)?;
        }
        self.manifest.generation += 1;
        self.manifest.schema = SCHEMA_VERSION;
        self.manifest.analysis = ANALYSIS_VERSION;
        self.index.commit(&mut writer, self.manifest.generation)?;
        write_atomic(&self.dir.join(MANIFEST), &to_json(&self.manifest)?)
    }

    fn reload_manifest(&mut self) -> Result<()> {
        let path = self.dir.join(MANIFEST);
        let bytes = fs::read(&path).map_err(|e| Error::io(&path, e))?;
        self.manifest = serde_json::from_slice(&bytes).map_err(|e| Error::Corrupt {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        Ok(())
    }

    /// Sees changes made by other processes since this library was opened.
    pub fn refresh(&mut self) -> Result<()> {
        self.reload_consistent()
    }

    /// Sees changes made by other processes, if there are any, and says whether there
    /// were. Cheap when there are none (it reads the index's small commit record), so a
    /// long-lived handle, such as the app's, calls it before each use.
    pub fn refresh_if_changed(&mut self) -> Result<bool> {
        let on_disk = self.index.generation();
        // Equal to the manifest's: nothing new. Equal to the last one reloaded for: a
        // writer died between its index commit and its manifest, and reloading again
        // cannot help (the next open mends it).
        if on_disk == Some(self.manifest.generation) || on_disk == self.refreshed_for {
            return Ok(false);
        }
        self.reload_consistent()?;
        self.refreshed_for = on_disk;
        Ok(true)
    }

    /// Reloads the manifest and the index until both are of the same commit. A writer
    /// commits the index and then replaces the manifest: read between the two, answers
    /// would come from documents the list does not hold yet. The manifest follows within
    /// moments, so reading again settles it; a writer that died between the two (the index
    /// is then mended on the next open) leaves this reader as it was after a while.
    fn reload_consistent(&mut self) -> Result<()> {
        for _ in 0..WAIT_FOR_MANIFEST {
            self.reload_manifest()?;
            if let Err(e) = self.index.reader.reload() {
                // Another process holding the lock is rebuilding the index: the library is
                // busy, not broken.
                return Err(match lock(&self.dir) {
                    Err(busy @ Error::Busy(_)) => busy,
                    _ => e.into(),
                });
            }
            // The latest commit on disk, read after the reader's: if it is the manifest's,
            // so is the reader's (generations only grow).
            if self.index.generation() == Some(self.manifest.generation) {
                return Ok(());
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        Ok(())
    }

    /// The manifest's generation: a new one with every change to the library.
    pub(crate) fn generation(&self) -> u64 {
        self.manifest.generation
    }

    pub(crate) fn speaker_cache(&self) -> &crate::people::SpeakerCache {
        &self.speakers
    }

    /// The library folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What opening had to mend.
    pub fn repairs(&self) -> &[Repair] {
        &self.repairs
    }

    pub fn entries(&self) -> &[Entry] {
        &self.manifest.documents
    }

    pub fn list(&self) -> Vec<DocumentInfo> {
        self.manifest.documents.iter().map(Entry::info).collect()
    }

    fn doc_path(&self, id: &str) -> PathBuf {
        self.dir.join(DOCS).join(format!("{id}.json"))
    }

    /// One stored document.
    pub fn document(&self, id: &str) -> Result<Document> {
        if !self.manifest.documents.iter().any(|e| e.id == id) {
            return Err(Error::UnknownDocument(id.to_string()));
        }
        let path = self.doc_path(id);
        let bytes = fs::read(&path).map_err(|e| Error::io(&path, e))?;
        serde_json::from_slice(&bytes).map_err(|e| Error::Corrupt {
            path,
            reason: e.to_string(),
        })
    }

    /// Imports files. Each file that cannot be read is reported and skipped; the others are
    /// added together, atomically. Cancelling (setting `cancel`) adds none of them.
    pub fn add_files(
        &mut self,
        paths: &[PathBuf],
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(ImportEvent),
    ) -> Result<ImportReport> {
        let _lock = lock(&self.dir)?;
        self.reload_manifest()?;
        let mut taken: HashSet<String> = self
            .manifest
            .documents
            .iter()
            .map(|e| e.id.clone())
            .collect();
        let mut report = ImportReport::default();
        let mut docs = Vec::new();
        read_documents(paths, cancel, &mut |index, outcome| {
            // Ids are given in the order of the files, whichever was read first.
            let outcome = outcome.map(|mut doc| {
                doc.id = unique_id(&doc.id, &mut taken);
                doc
            });
            progress(ImportEvent::File {
                index,
                total: paths.len(),
                path: &paths[index],
                outcome: outcome.as_ref(),
            });
            match outcome {
                Ok(doc) => docs.push(doc),
                Err(e) => report.failed.push(e),
            }
        });
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        progress(ImportEvent::Committing);
        self.commit_documents(&docs)?;
        report.added = docs.iter().map(|d| Entry::of(d).info()).collect();
        Ok(report)
    }

    /// Adds analysed documents in one atomic step. The caller holds the lock.
    fn commit_documents(&mut self, docs: &[Document]) -> Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        // In batches: each holds its files open until synced (the open-file limit) and their
        // JSON in memory.
        for batch in docs.chunks(WRITE_BATCH) {
            let files = batch
                .iter()
                .map(|doc| Ok((self.doc_path(&doc.id), to_json(doc)?)))
                .collect::<Result<Vec<_>>>()?;
            write_all_atomic(&files)?;
        }
        let mut manifest = self.manifest.clone();
        manifest.generation += 1;
        manifest.documents.extend(docs.iter().map(Entry::of));
        let mut writer = self.index.writer()?;
        for doc in docs {
            self.index.add(&writer, doc)?;
        }
        self.index.commit(&mut writer, manifest.generation)?;
        write_atomic(&self.dir.join(MANIFEST), &to_json(&manifest)?)?;
        self.manifest = manifest;
        Ok(())
    }

    /// Removes a document and its quotes.
    pub fn remove(&mut self, id: &str) -> Result<()> {
        let _lock = lock(&self.dir)?;
        self.reload_manifest()?;
        if !self.manifest.documents.iter().any(|e| e.id == id) {
            return Err(Error::UnknownDocument(id.to_string()));
        }
        let mut manifest = self.manifest.clone();
        manifest.generation += 1;
        manifest.documents.retain(|e| e.id != id);
        let mut writer = self.index.writer()?;
        self.index.delete(&writer, id);
        self.index.commit(&mut writer, manifest.generation)?;
        write_atomic(&self.dir.join(MANIFEST), &to_json(&manifest)?)?;
        self.manifest = manifest;
        let _ = fs::remove_file(self.doc_path(id));
        Ok(())
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }
}

/// Reads, extracts and analyses one file, giving it an id not in `taken`.
/// Reads and analyses files on as many threads as the machine has cores (at most
/// `MAX_READERS`), and hands each outcome to `each` on this thread in the order of the
/// files. Stops starting files once `cancel` is set.
fn read_documents(
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

/// Reads and analyses one file. Its id is the file name's slug, made unique by the caller.
fn read_document(path: &Path) -> Result<Document> {
    let meta = fs::metadata(path).map_err(|e| Error::bad_file(path, io_reason(&e)))?;
    if meta.is_dir() {
        return Err(Error::bad_file(path, "is a folder, not a file"));
    }
    // A pipe would block the import until something writes to it, and a device like
    // /dev/zero never ends: only regular files are read.
    if !meta.is_file() {
        return Err(Error::bad_file(
            path,
            "is not a regular file (a device, a pipe or a socket)",
        ));
    }
    if meta.len() > ingest::MAX_FILE_BYTES {
        return Err(Error::bad_file(
            path,
            format!(
                "the file is {} MB; Verbatim imports files of up to {} MB",
                meta.len() / 1_000_000,
                ingest::MAX_FILE_BYTES / 1_000_000
            ),
        ));
    }
    // Read with a cap: a file that grew since it was measured cannot take all memory.
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|f| f.take(ingest::MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::bad_file(path, io_reason(&e)))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extracted =
        ingest::extract(&name, &bytes).map_err(|reason| Error::bad_file(path, reason))?;
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

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied: the file cannot be read".to_string()
        }
        _ => format!("the file cannot be read ({e})"),
    }
}

/// An id from a file name: lowercase letters, digits and dashes.
fn slug(name: &str) -> String {
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

fn unique_id(base: &str, taken: &mut HashSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

fn lock(dir: &Path) -> Result<WriteLock> {
    let path = dir.join(LOCK);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(WriteLock(file)),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Busy(dir.to_path_buf())),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(path, e)),
    }
}

fn has_documents(dir: &Path) -> Result<bool> {
    let docs = dir.join(DOCS);
    let mut entries = fs::read_dir(&docs).map_err(|e| Error::io(&docs, e))?;
    Ok(entries.any(|e| {
        e.map(|e| e.path().extension().is_some_and(|x| x == "json"))
            .unwrap_or(false)
    }))
}

/// A new library, with the bundled article unless `empty`.
fn create(dir: &Path, options: OpenOptions) -> Result<Manifest> {
    let mut manifest = Manifest {
        format: FORMAT,
        schema: SCHEMA_VERSION,
        analysis: ANALYSIS_VERSION,
        generation: 0,
        documents: Vec::new(),
    };
    let index = rebuild_index_dir(dir)?;
    let mut writer = index.writer()?;
    if !options.empty {
        let doc = bundled_document();
        write_atomic(
            &dir.join(DOCS).join(format!("{}.json", doc.id)),
            &to_json(&doc)?,
        )?;
        index.add(&writer, &doc)?;
        manifest.documents.push(Entry::of(&doc));
    }
    manifest.generation = 1;
    index.commit(&mut writer, manifest.generation)?;
    write_atomic(&dir.join(MANIFEST), &to_json(&manifest)?)?;
    Ok(manifest)
}

/// The bundled article, analysed.
pub fn bundled_document() -> Document {
    let extracted = ingest::extract("moscow-beijing-alliance.txt", BUNDLED_TEXT.as_bytes())
        .expect("the bundled article is plain text and always extracts");
    pipeline::analyse(BUNDLED_ID, BUNDLED_TITLE.to_string(), None, extracted)
}

/// A manifest made again from the stored documents, when it was lost or damaged.
fn recover_manifest(dir: &Path) -> Result<Manifest> {
    let docs_dir = dir.join(DOCS);
    let mut documents = Vec::new();
    let mut paths: Vec<PathBuf> = fs::read_dir(&docs_dir)
        .map_err(|e| Error::io(&docs_dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for path in paths {
        if let Ok(doc) = fs::read(&path)
            .map_err(|_| ())
            .and_then(|b| serde_json::from_slice::<Document>(&b).map_err(|_| ()))
        {
            documents.push(Entry::of(&doc));
        }
    }
    // Generation 0 never matches an index's, so the index is rebuilt next.
    let manifest = Manifest {
        format: FORMAT,
        schema: SCHEMA_VERSION,
        analysis: 0,
        generation: 0,
        documents,
    };
    write_atomic(&dir.join(MANIFEST), &to_json(&manifest)?)?;
    Ok(manifest)
}

/// Replaces the index folder by a new empty index.
fn rebuild_index_dir(dir: &Path) -> Result<SearchIndex> {
    let index_dir = dir.join(INDEX);
    if index_dir.is_dir() {
        fs::remove_dir_all(&index_dir).map_err(|e| Error::io(&index_dir, e))?;
    } else if index_dir.exists() {
        // Something else took the index's place: a file is not ours to keep.
        fs::remove_file(&index_dir).map_err(|e| Error::io(&index_dir, e))?;
    }
    Ok(SearchIndex::open_or_create(&index_dir)?)
}

fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| Error::Corrupt {
        path: PathBuf::new(),
        reason: e.to_string(),
    })
}

/// Writes a file so that it is either the old or the whole new content, even across a
/// crash or power loss: a temporary file, flushed to disk, renamed over the old one.
/// The most threads reading and analysing files at once.
const MAX_READERS: usize = 4;

/// Documents written and synced together (see `write_all_atomic`).
const WRITE_BATCH: usize = 128;

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_all_atomic(&[(path.to_path_buf(), bytes.to_vec())])
}

/// Writes each file through a temporary beside it, makes them all durable, then renames
/// them into place and makes the renames durable. The files are written first and synced
/// together after: on Linux with one `syncfs` (one flush of the disk for the batch, where a
/// sync per file costs a flush each), elsewhere file by file.
fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let mut written = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let tmp = path.with_extension("tmp");
        let mut file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        file.write_all(bytes).map_err(|e| Error::io(&tmp, e))?;
        written.push((tmp, file));
    }
    let mut folders: Vec<&Path> = Vec::new();
    for (path, _) in files {
        if let Some(parent) = path.parent() {
            if !folders.contains(&parent) {
                folders.push(parent);
            }
        }
    }
    sync_files(&written)?;
    for ((path, _), (tmp, _)) in files.iter().zip(written) {
        fs::rename(&tmp, path).map_err(|e| Error::io(path, e))?;
    }
    for folder in folders {
        if let Ok(d) = File::open(folder) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn sync_files(files: &[(PathBuf, File)]) -> Result<()> {
    match files.first() {
        Some((tmp, file)) => rustix::fs::syncfs(file).map_err(|e| Error::io(tmp, e.into())),
        None => Ok(()),
    }
}

#[cfg(not(target_os = "linux"))]
fn sync_files(files: &[(PathBuf, File)]) -> Result<()> {
    for (tmp, file) in files {
        file.sync_all().map_err(|e| Error::io(tmp, e))?;
    }
    Ok(())
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

    /// A library, a handle opened on it, and another handle (another process) that then
    /// imported one article into it. The folder is kept alive by the first value.
    fn opened_then_imported_by_another() -> (tempfile::TempDir, PathBuf, Library) {
        let dir = tempfile::tempdir().expect("tmp");
        let lib_dir = dir.path().join("lib");
        let opened = Library::open(&lib_dir, OpenOptions::default()).expect("opens");
        let mut other = Library::open(&lib_dir, OpenOptions::default()).expect("opens");
        let file = dir.path().join("ferry.txt");
        fs::write(
            &file,
            "Ferry timetable\n\nThe ferry company changed the timetable.\n",
        )
        .expect("written");
        let report = other
            .add_files(&[file], &AtomicBool::new(false), &mut |_| {})
            .expect("imports");
        assert_eq!(report.added.len(), 1);
        (dir, lib_dir, opened)
    }

    /// A handle opened while another process imports can read the manifest before the
    /// import and the index after it, the import having ended by the time it takes the
    /// lock to mend. That is an import seen half-way, not damage: rebuilding the index
    /// deleted it under every other reader (the app's next refresh failed: "meta.json"
    /// missing), so it looks again under the lock.
    #[test]
    fn an_import_seen_half_way_is_not_mended() {
        let (_dir, _, mut opening) = opened_then_imported_by_another();
        // `opening` holds the manifest from before the import; the index on disk is after.
        assert!(opening.out_of_line().is_some());
        opening.mend().expect("mends");
        assert!(opening.repairs().is_empty(), "{:?}", opening.repairs());
        assert_eq!(opening.list().len(), 2, "the import is seen");
        assert!(opening.out_of_line().is_none());
    }

    /// While another process rebuilds the index (it holds the lock and the index folder is
    /// being replaced), a long-lived handle's refresh says the library is busy.
    #[test]
    fn a_refresh_during_another_process_rebuild_is_busy() {
        let (_dir, lib_dir, mut app) = opened_then_imported_by_another();
        assert!(app.refresh_if_changed().expect("refreshes"));
        let guard = lock(&lib_dir).expect("locks");
        fs::remove_dir_all(lib_dir.join(INDEX)).expect("removed");
        assert!(matches!(app.refresh_if_changed(), Err(Error::Busy(_))));
        drop(guard);
        // Rebuilt by the next open; then the long-lived handle sees it all again.
        let reopened = Library::open(&lib_dir, OpenOptions::default()).expect("opens");
        assert!(!reopened.repairs().is_empty());
        app.refresh_if_changed().expect("refreshes");
        assert_eq!(app.list().len(), 2);
        assert!(
            app.ask("When did the ferry company change the timetable?", 1)
                .answered
        );
    }
}
