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

mod import;
mod mend;
mod record;
mod speakers;
mod store;

pub use import::bundled_document;
pub use store::{Entry, EntrySpeaker};

use crate::answer;
use crate::error::{Error, Result};
use crate::model::{Answer, Document, DocumentInfo};
use crate::search::{SearchIndex, Writer};
use import::{read_documents, unique_id};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use store::{
    create, has_documents, lock, rebuild_index_dir, recover_manifest, to_json, write_atomic,
    Manifest, Staged, DOCS, FORMAT, INDEX, MANIFEST,
};

/// The window's conversation, kept across restarts.
const CONVERSATION: &str = "conversation.json";

/// The app identifier; the default library lives in the per-user data folder under it,
/// where the desktop app (same identifier) keeps its data too.
pub const APP_IDENTIFIER: &str = "app.verbatim.desktop";

/// The article every new library starts with.
pub const BUNDLED_ID: &str = "moscow-beijing-alliance";
/// How many times (2 ms apart) a reader reads again a manifest that lags the index.
const WAIT_FOR_MANIFEST: usize = 1_000;

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
    speakers: speakers::SpeakerCache,
    /// The index generation `refresh_if_changed` last reloaded for.
    refreshed_for: Option<u64>,
}

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

    /// Reads the manifest again (another process may have changed it).
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

    /// Whether another process (the `verbatim` command, another window) has committed to
    /// the library since this handle last took its changes in: what
    /// [`Library::refresh_if_changed`] would reload for. A read of the index's commit
    /// point, nothing more.
    pub fn changed_on_disk(&self) -> bool {
        let on_disk = self.index.generation();
        // Equal to the manifest's: nothing new. Equal to the last one reloaded for: a
        // writer died between its index commit and its manifest, and reloading again
        // cannot help (the next open mends it).
        !(on_disk == Some(self.manifest.generation) || on_disk == self.refreshed_for)
    }

    /// Sees changes made by other processes, if there are any, and says whether there
    /// were. Cheap when there are none (it reads the index's small commit record), so a
    /// long-lived handle, such as the app's, calls it before each use.
    pub fn refresh_if_changed(&mut self) -> Result<bool> {
        if !self.changed_on_disk() {
            return Ok(false);
        }
        let on_disk = self.index.generation();
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
            if let Err(e) = self.index.reload() {
                // Another process holding the lock is rebuilding the index: the library is
                // busy, not broken.
                return Err(match lock(&self.dir) {
                    Err(busy @ Error::Busy(_)) => busy,
                    _ => e,
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

    /// The library folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The conversation the window last kept in the library folder (its own JSON, which
    /// the engine does not read), if it kept one.
    pub fn conversation(&self) -> Result<Option<String>> {
        let path = self.dir.join(CONVERSATION);
        match fs::read_to_string(&path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Keeps the window's conversation in the library folder (replacing the one kept, in
    /// one step: a crash leaves the old one or the new one), or forgets it when `None`.
    pub fn keep_conversation(&self, text: Option<&str>) -> Result<()> {
        let path = self.dir.join(CONVERSATION);
        match text {
            Some(text) => write_atomic(&path, text.as_bytes()),
            None => match fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
                _ => Ok(()),
            },
        }
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
        let mut doc: Document = serde_json::from_slice(&bytes).map_err(|e| Error::Corrupt {
            path,
            reason: e.to_string(),
        })?;
        // Documents imported before `set_id` existed kept, when their id was made unique
        // (`index-2`), the first id in their quotes: their quotes name them again here (and
        // the index, rebuilt for schema 3 from these, is keyed right).
        let id = doc.id.clone();
        doc.set_id(id);
        Ok(doc)
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
        // Each document goes to the index and to its file as soon as it is read (in file
        // order), while the next files are read and analysed on the other cores and
        // tantivy indexes on its own thread; nothing is visible before the commit below.
        let mut writer = self.index.writer()?;
        let mut staged = Staged::default();
        let mut entries: Vec<Entry> = Vec::new();
        let mut failure: Option<Error> = None;
        read_documents(paths, cancel, &mut |index, outcome| {
            // Ids are given in the order of the files, whichever was read first.
            let outcome = outcome.map(|mut doc| {
                let id = unique_id(&doc.id, &mut taken);
                doc.set_id(id);
                doc
            });
            progress(ImportEvent::File {
                index,
                total: paths.len(),
                path: &paths[index],
                outcome: outcome.as_ref(),
            });
            match outcome {
                Ok(doc) if failure.is_none() => {
                    let added = writer
                        .add(&doc)
                        .and_then(|()| staged.write(&self.doc_path(&doc.id), &to_json(&doc)?));
                    match added {
                        Ok(()) => entries.push(Entry::of(&doc)),
                        Err(e) => failure = Some(e),
                    }
                }
                Ok(_) => {}
                Err(e) => report.failed.push(e),
            }
        });
        let outcome = match failure {
            Some(e) => Err(e),
            None if cancel.load(Ordering::Relaxed) => Err(Error::Cancelled),
            None => {
                progress(ImportEvent::Committing);
                let manifest = self.commit_import(writer, staged, &entries)?;
                if let Some(manifest) = manifest {
                    self.manifest = manifest;
                }
                report.added = entries.iter().map(Entry::info).collect();
                return Ok(report);
            }
        };
        // Nothing is committed: the documents' files written so far are removed.
        staged.discard();
        outcome.map(|()| report)
    }
    /// Commits an import whose documents were given to `writer` and whose files are
    /// staged: the files are put in place, then the index is committed (with the new
    /// generation), then the manifest replaced; returns the new manifest. The caller holds
    /// the lock.
    fn commit_import(
        &self,
        writer: Writer<'_>,
        staged: Staged,
        entries: &[Entry],
    ) -> Result<Option<Manifest>> {
        if entries.is_empty() {
            return Ok(None);
        }
        let mut manifest = self.manifest.clone();
        manifest.generation += 1;
        manifest.documents.extend(entries.iter().cloned());
        staged.commit()?;
        writer.commit(manifest.generation)?;
        write_atomic(&self.dir.join(MANIFEST), &to_json(&manifest)?)?;
        Ok(Some(manifest))
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
        writer.delete(id);
        writer.commit(manifest.generation)?;
        write_atomic(&self.dir.join(MANIFEST), &to_json(&manifest)?)?;
        self.manifest = manifest;
        let _ = fs::remove_file(self.doc_path(id));
        Ok(())
    }

    /// Answers a question (see [`crate::answer`]).
    pub fn ask(&self, question: &str, top: usize) -> Result<Answer> {
        answer::ask(&self.index, question, top)
    }

    /// [`Library::ask`] within part of the library: one document, one outlet, a date range
    /// (the documents that say when they were published). An empty scope is the whole
    /// library; a document id the library does not hold is an error, and a scope no document
    /// falls in gets no passages.
    pub fn ask_in(&self, question: &str, top: usize, scope: &Scope) -> Result<Answer> {
        let Some(within) = self.within(scope)? else {
            return self.ask(question, top);
        };
        if within.is_empty() {
            return Ok(Answer {
                question: question.to_string(),
                answered: false,
                confidence: 0.0,
                passages: Vec::new(),
            });
        }
        answer::ask_within(&self.index, question, top, Some(&within)).map(|(a, _)| a)
    }

    /// The documents a scope admits; `None` for the whole library. An unknown document
    /// id is an error.
    pub(super) fn within(&self, scope: &Scope) -> Result<Option<Vec<String>>> {
        if scope.is_everything() {
            return Ok(None);
        }
        if let Some(id) = &scope.document {
            if !self.entries().iter().any(|e| &e.id == id) {
                return Err(Error::UnknownDocument(id.clone()));
            }
        }
        Ok(Some(
            self.entries()
                .iter()
                .filter(|e| scope.admits(e))
                .map(|e| e.id.clone())
                .collect(),
        ))
    }

    /// [`Library::ask`] with the evidence behind `answered` (for calibration and evaluation).
    pub fn ask_detailed(
        &self,
        question: &str,
        top: usize,
    ) -> Result<(Answer, answer::abstain::Evidence)> {
        answer::ask_detailed(&self.index, question, top)
    }

    /// Every sentence of the candidate paragraphs for `question` with the evidence the
    /// ranker scores (for training and evaluating it).
    pub fn rank_candidates(&self, question: &str) -> Result<Vec<answer::RankCandidate>> {
        answer::rank_candidates(&self.index, question)
    }
}

/// Part of a library to ask: every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// One document, by id.
    pub document: Option<String>,
    /// One outlet, by name (letter case aside).
    pub site: Option<String>,
    /// Published on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Published on or before this day (`YYYY-MM-DD`).
    pub until: Option<String>,
}

impl Scope {
    /// True when nothing narrows it.
    pub fn is_everything(&self) -> bool {
        *self == Scope::default()
    }

    fn admits(&self, e: &Entry) -> bool {
        let day = e.metadata.published.as_deref().and_then(|p| p.get(..10));
        self.document.as_ref().is_none_or(|d| *d == e.id)
            && self.site.as_ref().is_none_or(|s| {
                e.metadata
                    .site
                    .as_ref()
                    .is_some_and(|x| x.to_lowercase() == s.to_lowercase())
            })
            && self
                .since
                .as_deref()
                .is_none_or(|since| day.is_some_and(|d| d >= since))
            && self
                .until
                .as_deref()
                .is_none_or(|until| day.is_some_and(|d| d <= until))
    }
}
