//! Running the built `verbatim` on a library of the test's own, without the bundled article.

use std::path::Path;
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_verbatim");

/// `verbatim --library LIBRARY --empty ARGS...`.
pub fn run(library: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--library")
        .arg(library)
        .arg("--empty")
        .args(args)
        .output()
        .expect("runs")
}

/// [`run`], which must succeed, its standard output read as JSON.
pub fn json(library: &Path, args: &[&str]) -> serde_json::Value {
    let out = run(library, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}
