//! The TypeScript types of everything that crosses the IPC boundary, generated from the
//! Rust definitions (ts-rs) into `ui/src/lib/types.gen.ts`. The test below fails when that
//! file is stale; `UPDATE_TYPES=1 cargo test -p verbatim-app types` rewrites it.

#[cfg(test)]
mod tests {
    use crate::error::{AppError, ErrorKind};
    use crate::{AppInfo, ImportProgress, ImportReport};
    use ts_rs::{Config, TS};
    use verbatim_index::model::*;

    fn declarations() -> String {
        // Offsets and counts are JavaScript numbers (well below 2^53), not bigints.
        let cfg = Config::new().with_large_int("number");
        let decls = [
            Span::decl(&cfg),
            BlockKind::decl(&cfg),
            Block::decl(&cfg),
            QuoteKind::decl(&cfg),
            Mention::decl(&cfg),
            Quote::decl(&cfg),
            Person::decl(&cfg),
            Document::decl(&cfg),
            DocumentInfo::decl(&cfg),
            AnswerSpan::decl(&cfg),
            Passage::decl(&cfg),
            Answer::decl(&cfg),
            SpeakerQuotes::decl(&cfg),
            QuoteSearch::decl(&cfg),
            SpeakerInfo::decl(&cfg),
            ErrorKind::decl(&cfg),
            AppError::decl(&cfg),
            ImportProgress::decl(&cfg),
            ImportReport::decl(&cfg),
            AppInfo::decl(&cfg),
        ];
        let mut out = String::from("// Generated from the Rust definitions by ts-rs: do not edit.\n// Regenerate with `UPDATE_TYPES=1 cargo test -p verbatim-app types`.\n\n");
        for d in decls {
            out.push_str("export ");
            out.push_str(&d);
            out.push_str("\n\n");
        }
        out
    }

    #[test]
    fn typescript_types_are_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/types.gen.ts");
        let want = declarations();
        if std::env::var_os("UPDATE_TYPES").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(have == want, "ui/src/lib/types.gen.ts is stale: run `UPDATE_TYPES=1 cargo test -p verbatim-app types`");
    }
}
