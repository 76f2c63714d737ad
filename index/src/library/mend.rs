//! Mending on open: an index or documents written by another version, or left by a crash,
//! brought in line with the manifest, under the lock and after looking again.

use super::import::with_metadata_from_source;
use super::store::{lock, rebuild_index_dir, to_json, write_atomic, Entry, MANIFEST};
use super::{Library, Repair};
use crate::error::{Error, Result};
use crate::pipeline::{self, ANALYSIS_VERSION};
use crate::search::SCHEMA_VERSION;

impl Library {
    /// Brings an index or documents written by another version, or left by a crash, in
    /// line with the manifest.
    pub(super) fn mend(&mut self) -> Result<()> {
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
        let reason = match self.index.reload() {
            Ok(()) => match self.out_of_line() {
                Some(reason) => reason,
                None => return Ok(()),
            },
            Err(e) => format!("it could not be read ({e})"),
        };
        let stale_analysis = self.manifest.analysis != ANALYSIS_VERSION;
        if stale_analysis {
            for entry in self.manifest.documents.clone() {
                let doc = self.document(&entry.id)?;
                let doc = pipeline::reanalyse(with_metadata_from_source(doc));
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
    pub(super) fn out_of_line(&self) -> Option<String> {
        if self.manifest.analysis != ANALYSIS_VERSION || self.manifest.schema != SCHEMA_VERSION {
            Some("it was written by another version of Verbatim".to_string())
        } else if self.index.generation() != Some(self.manifest.generation) {
            Some("it did not match the list of documents (an import was interrupted)".to_string())
        } else if !self.manifest.documents.is_empty() && self.index.snapshot().paragraphs() == 0 {
            Some("it was empty".to_string())
        } else {
            None
        }
    }

    pub(super) fn force_rebuild(&mut self) -> Result<()> {
        let mut writer = self.index.writer()?;
        writer.delete_all()?;
        for entry in &self.manifest.documents {
            let doc = self.document(&entry.id)?;
            writer.add(&doc)?;
        }
        self.manifest.generation += 1;
        self.manifest.schema = SCHEMA_VERSION;
        self.manifest.analysis = ANALYSIS_VERSION;
        writer.commit(self.manifest.generation)?;
        write_atomic(&self.dir.join(MANIFEST), &to_json(&self.manifest)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::store::INDEX;
    use crate::library::OpenOptions;
    use std::fs;
    use std::path::PathBuf;
    use std::sync::atomic::AtomicBool;

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
                .expect("answers")
                .answered
        );
    }
}
