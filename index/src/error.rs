//! The engine's one error type. User mistakes (a file that cannot be read, an unknown id)
//! are kept apart from internal failures so that the command line and the desktop shell
//! can word them differently and choose exit codes.

use std::path::PathBuf;

/// Everything that can go wrong in the engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file given to import could not be read or understood. Names the file.
    #[error("{}: {reason}", path.display())]
    BadFile {
        /// The file as the user named it.
        path: PathBuf,
        /// What is wrong with it, in words for the user.
        reason: String,
    },
    /// No document in the library has this id.
    #[error("no document with id '{0}' in the library")]
    UnknownDocument(String),
    /// Another process holds the library for writing (an import or a removal is running).
    #[error("the library at {} is busy: another Verbatim process is changing it; try again when it has finished", .0.display())]
    Busy(PathBuf),
    /// The operation was cancelled by the caller; nothing was changed.
    #[error("cancelled; the library is unchanged")]
    Cancelled,
    /// The library folder could not be read or written.
    #[error("library I/O error at {}: {source}", path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The library's own files are damaged beyond what a rebuild can mend.
    #[error("the library at {} is damaged: {reason}", path.display())]
    Corrupt {
        /// The library folder.
        path: PathBuf,
        /// What was found.
        reason: String,
    },
    /// tantivy failed; an internal error.
    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
}

impl Error {
    /// True for errors the user can act on (a bad file, an unknown id, a busy library),
    /// false for internal failures.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::BadFile { .. } | Error::UnknownDocument(_) | Error::Busy(_) | Error::Cancelled
        )
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn bad_file(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::BadFile {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// The engine's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
