//! Verbatim's engine: ingestion, segmentation, quotes and speakers, the tantivy index and
//! answering. It knows nothing of windows or terminals; `cli/` and `src-tauri/` are glue.
//! See ARCHITECTURE.md for the pipeline and where each kind of change goes.

pub mod answer;
pub mod attribution;
pub mod error;
pub mod ingest;
pub mod invariants;
pub mod library;
pub mod model;
pub mod pipeline;
pub mod quotes;
pub mod search;
pub mod text;

pub use error::{Error, FileProblem, Result};
pub use library::{ImportEvent, ImportReport, Library, OpenOptions, Repair, Scope};
pub use model::*;
