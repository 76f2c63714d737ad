//! The library's files: the manifest (the commit point), the stored documents, the lock,
//! and writing files so that a crash leaves the old content or the whole new one.

use super::OpenOptions;
use crate::error::{Error, Result};
use crate::model::{Document, DocumentInfo, Metadata};
use crate::pipeline::ANALYSIS_VERSION;
use crate::search::{SearchIndex, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

pub(super) const MANIFEST: &str = "library.json";
const LOCK: &str = "library.lock";
pub(super) const DOCS: &str = "docs";
pub(super) const INDEX: &str = "index";
pub(super) const FORMAT: u32 = 1;

/// A speaker of one document, as the manifest records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntrySpeaker {
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub quotes: usize,
}

/// A document as the manifest lists it. The metadata fields default to empty, so a
/// manifest written before they existed still reads (its documents are then analysed
/// again, which fills them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub paragraphs: usize,
    pub quotes: usize,
    pub speakers: Vec<EntrySpeaker>,
    #[serde(flatten)]
    pub metadata: Metadata,
}

impl Entry {
    pub(super) fn of(doc: &Document) -> Entry {
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
            metadata: doc.metadata.clone(),
        }
    }

    pub fn info(&self) -> DocumentInfo {
        DocumentInfo {
            id: self.id.clone(),
            title: self.title.clone(),
            source: self.source.clone(),
            paragraphs: self.paragraphs,
            quotes: self.quotes,
            metadata: self.metadata.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Manifest {
    pub format: u32,
    pub schema: u32,
    pub analysis: u32,
    pub generation: u64,
    pub documents: Vec<Entry>,
}

/// Holds the library's write lock while alive.
pub(super) struct WriteLock(#[allow(dead_code)] File);

pub(super) fn lock(dir: &Path) -> Result<WriteLock> {
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

pub(super) fn has_documents(dir: &Path) -> Result<bool> {
    let docs = dir.join(DOCS);
    let mut entries = fs::read_dir(&docs).map_err(|e| Error::io(&docs, e))?;
    Ok(entries.any(|e| {
        e.map(|e| e.path().extension().is_some_and(|x| x == "json"))
            .unwrap_or(false)
    }))
}

/// A new library, with the bundled article unless `empty`.
pub(super) fn create(dir: &Path, options: OpenOptions) -> Result<Manifest> {
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
        let doc = super::import::bundled_document();
        write_atomic(
            &dir.join(DOCS).join(format!("{}.json", doc.id)),
            &to_json(&doc)?,
        )?;
        writer.add(&doc)?;
        manifest.documents.push(Entry::of(&doc));
    }
    manifest.generation = 1;
    writer.commit(manifest.generation)?;
    write_atomic(&dir.join(MANIFEST), &to_json(&manifest)?)?;
    Ok(manifest)
}

/// A manifest made again from the stored documents, when it was lost or damaged.
pub(super) fn recover_manifest(dir: &Path) -> Result<Manifest> {
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
pub(super) fn rebuild_index_dir(dir: &Path) -> Result<SearchIndex> {
    let index_dir = dir.join(INDEX);
    if index_dir.is_dir() {
        fs::remove_dir_all(&index_dir).map_err(|e| Error::io(&index_dir, e))?;
    } else if index_dir.exists() {
        // Something else took the index's place: a file is not ours to keep.
        fs::remove_file(&index_dir).map_err(|e| Error::io(&index_dir, e))?;
    }
    SearchIndex::open_or_create(&index_dir)
}

pub(super) fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| Error::Corrupt {
        path: PathBuf::new(),
        reason: e.to_string(),
    })
}

/// Writes a file so that it is either the old or the whole new content, even across a
/// crash or power loss: a temporary file, flushed to disk, renamed over the old one.
pub(super) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut staged = Staged::default();
    staged.write(path, bytes)?;
    staged.commit()
}

/// Files written as temporaries beside their places, then made durable and moved into
/// place together ([`Staged::commit`]), or removed ([`Staged::discard`]). On Linux the
/// temporaries are made durable with one `syncfs` at the commit (one flush of the disk for
/// the whole import, where a sync per file costs a flush each); elsewhere each is synced
/// as it is written.
#[derive(Default)]
pub(super) struct Staged {
    /// (the file's place, its temporary)
    files: Vec<(PathBuf, PathBuf)>,
}

impl Staged {
    pub(super) fn write(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        let tmp = path.with_extension("tmp");
        let mut file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        file.write_all(bytes).map_err(|e| Error::io(&tmp, e))?;
        #[cfg(not(target_os = "linux"))]
        file.sync_all().map_err(|e| Error::io(&tmp, e))?;
        self.files.push((path.to_path_buf(), tmp));
        Ok(())
    }

    /// Makes the temporaries durable, renames them into place and makes the renames
    /// durable.
    pub(super) fn commit(self) -> Result<()> {
        let Some((_, first)) = self.files.first() else {
            return Ok(());
        };
        #[cfg(target_os = "linux")]
        {
            let file = File::open(first).map_err(|e| Error::io(first, e))?;
            rustix::fs::syncfs(&file).map_err(|e| Error::io(first, e.into()))?;
        }
        #[cfg(not(target_os = "linux"))]
        let _ = first;
        let mut folders: Vec<&Path> = Vec::new();
        for (path, tmp) in &self.files {
            fs::rename(tmp, path).map_err(|e| Error::io(path, e))?;
            if let Some(parent) = path.parent() {
                if !folders.contains(&parent) {
                    folders.push(parent);
                }
            }
        }
        for folder in folders {
            if let Ok(d) = File::open(folder) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }

    /// Removes the temporaries: nothing was put in place.
    pub(super) fn discard(self) {
        for (_, tmp) in self.files {
            let _ = fs::remove_file(tmp);
        }
    }
}
