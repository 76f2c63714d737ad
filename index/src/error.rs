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
        /// What is wrong with it.
        reason: FileProblem,
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

    pub(crate) fn bad_file(path: impl Into<PathBuf>, reason: FileProblem) -> Self {
        Error::BadFile {
            path: path.into(),
            reason,
        }
    }
}

/// Why a file cannot be imported, in words for the user (the file's name is added by
/// [`Error::BadFile`]). Ingestion returns these; the library adds the reading problems.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileProblem {
    /// The file does not exist (any more).
    #[error("no such file")]
    NotFound,
    /// The operating system refuses to let it be read.
    #[error("permission denied: the file cannot be read")]
    PermissionDenied,
    /// Reading failed for another reason (the system's words).
    #[error("the file cannot be read ({0})")]
    Unreadable(String),
    /// A folder was named, not a file.
    #[error("is a folder, not a file")]
    Folder,
    /// A device, a pipe or a socket: reading would block or never end.
    #[error("is not a regular file (a device, a pipe or a socket)")]
    NotRegular,
    /// Over the size Verbatim imports.
    #[error("the file is {megabytes} MB; Verbatim imports files of up to {limit} MB")]
    TooLarge {
        /// The file's size, in MB.
        megabytes: u64,
        /// The largest size imported, in MB.
        limit: u64,
    },
    /// Named `.pdf` or `.docx`, but the bytes are not one.
    #[error("the file is named like a {named} but its contents are not one")]
    NotWhatItsNameSays {
        /// What the name says (`PDF`, `Word document`).
        named: &'static str,
    },
    /// Binary data, not text.
    #[error("the file is binary data, not text")]
    Binary,
    /// A byte order mark names an encoding the bytes are not valid in.
    #[error("the file starts as {encoding} text but is not valid {encoding}")]
    BadEncoding {
        /// The encoding the byte order mark names.
        encoding: &'static str,
    },
    /// Extraction found no text at all.
    #[error("the file holds no text")]
    NoText,
    /// A page nested deeper than any article (parsing it would take minutes).
    #[error("the page nests its elements more than {limit} deep; it is not a readable article")]
    TooDeep {
        /// The deepest nesting read.
        limit: usize,
    },
    /// A PDF or Word document protected by a password.
    #[error("the {format} is encrypted; save an unprotected copy and import that")]
    Encrypted {
        /// `PDF` or `Word document`.
        format: &'static str,
    },
    /// A PDF whose pages are images (a scan): there is no text to read.
    #[error("the PDF has no text layer (a scan?); Verbatim reads PDFs with text")]
    NoTextLayer,
    /// A zip archive that is not a Word document.
    #[error("the file is a zip archive but not a Word document (no word/document.xml)")]
    NotAWordDocument,
    /// A Word document whose text expands past the cap (a zip bomb, or not an article).
    #[error("the Word document's text expands to more than {limit_mb} MB; it is refused")]
    ExpandsTooFar {
        /// The cap, in MB.
        limit_mb: u64,
    },
    /// The file is of its format but damaged (the reader's words).
    #[error("the {format} is damaged ({detail})")]
    Damaged {
        /// `PDF` or `Word document`.
        format: &'static str,
        /// What the reader found.
        detail: String,
    },
}

/// The engine's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
