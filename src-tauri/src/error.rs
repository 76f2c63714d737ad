//! Errors as the window sees them: `{kind, message}`, `kind` from a small closed set,
//! mapped exhaustively from the engine's error.

use serde::Serialize;
use verbatim_index::Error;

/// The kinds of error the UI tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A file could not be imported (named in the message).
    BadFile,
    /// No such document.
    UnknownDocument,
    /// Another process is changing the library.
    Busy,
    /// The user cancelled.
    Cancelled,
    /// Anything else: a bug or a broken disk.
    Internal,
}

impl ErrorKind {
    /// Every kind, for the window to recognise an error (the types test writes it into the
    /// TypeScript declarations).
    #[cfg(test)]
    pub const ALL: [ErrorKind; 5] = [
        ErrorKind::BadFile,
        ErrorKind::UnknownDocument,
        ErrorKind::Busy,
        ErrorKind::Cancelled,
        ErrorKind::Internal,
    ];
}

/// An error for the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
}

impl From<Error> for AppError {
    fn from(e: Error) -> Self {
        let kind = match &e {
            Error::BadFile { .. } => ErrorKind::BadFile,
            Error::UnknownDocument(_) => ErrorKind::UnknownDocument,
            Error::Busy(_) => ErrorKind::Busy,
            Error::Cancelled => ErrorKind::Cancelled,
            Error::Io { .. } | Error::Corrupt { .. } | Error::Index(_) => ErrorKind::Internal,
        };
        AppError {
            kind,
            message: e.to_string(),
        }
    }
}

impl AppError {
    pub fn internal(message: impl Into<String>) -> Self {
        AppError {
            kind: ErrorKind::Internal,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_kinds_are_listed_once() {
        // A new kind fails to compile here until it is given a place in ALL.
        let place = |k: ErrorKind| match k {
            ErrorKind::BadFile => 0,
            ErrorKind::UnknownDocument => 1,
            ErrorKind::Busy => 2,
            ErrorKind::Cancelled => 3,
            ErrorKind::Internal => 4,
        };
        let places: Vec<usize> = ErrorKind::ALL.iter().map(|k| place(*k)).collect();
        assert_eq!(places, (0..ErrorKind::ALL.len()).collect::<Vec<_>>());
    }

    #[test]
    fn serialises_as_kind_and_message() {
        let e = AppError::from(Error::UnknownDocument("x".into()));
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "unknown_document", "message": "no document with id 'x' in the library"})
        );
        let bad = AppError::from(Error::BadFile {
            path: "a.pdf".into(),
            reason: verbatim_index::FileProblem::NoText,
        });
        assert_eq!(serde_json::to_value(&bad).unwrap()["kind"], "bad_file");
        assert!(bad.message.contains("a.pdf"));
    }
}
