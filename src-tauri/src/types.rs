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
            Metadata::decl(&cfg),
            Document::decl(&cfg),
            DocumentInfo::decl(&cfg),
            AnswerPhrase::decl(&cfg),
            AnswerSpan::decl(&cfg),
            Passage::decl(&cfg),
            Answer::decl(&cfg),
            SpeakerQuotes::decl(&cfg),
            QuoteSearch::decl(&cfg),
            SpeakerInfo::decl(&cfg),
            CitedQuote::decl(&cfg),
            TopicSpeaker::decl(&cfg),
            TopicQuotes::decl(&cfg),
            DatedDescription::decl(&cfg),
            Alongside::decl(&cfg),
            SpeakerRecord::decl(&cfg),
            crate::ScopeArgs::decl(&cfg),
            crate::ChosenFiles::decl(&cfg),
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
        // Values the window needs from the Rust side, each defined once there.
        let list = |items: &mut dyn Iterator<Item = String>| {
            items
                .map(|i| format!("\"{i}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let kinds = list(&mut ErrorKind::ALL.iter().map(|k| {
            serde_json::to_value(k)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        }));
        let commands = list(&mut crate::COMMAND_NAMES.iter().map(|c| c.to_string()));
        let extensions = list(
            &mut verbatim_index::ingest::EXTENSIONS
                .iter()
                .map(|(e, _)| e.to_string()),
        );
        out.push_str(&format!(
            "/** The app's commands (src-tauri/src/commands.rs). */\nexport const COMMANDS = [{commands}] as const;\nexport type Command = (typeof COMMANDS)[number];\n\n\
             /** Every kind of AppError. */\nexport const ERROR_KINDS: readonly ErrorKind[] = [{kinds}];\n\n\
             /** The file extensions the engine imports. */\nexport const IMPORT_EXTENSIONS: readonly string[] = [{extensions}];\n\n\
             /** How many passages an answer shows unless asked otherwise. */\nexport const DEFAULT_PASSAGES = {};\n",
            verbatim_index::answer::DEFAULT_PASSAGES
        ));
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
