// The app's commands, named once. `build.rs` includes this file (to make each command a
// permission, and to check that the window's capability grants exactly these), `lib.rs`
// registers them with `generate_handler!`, and the TypeScript declarations
// (`ui/src/lib/types.gen.ts`) list them for `ipc.ts`, whose calls the type checker holds
// to the list. To add a command: write it in lib.rs, name it here, grant `allow-<name>` in
// capabilities/default.json, and call it from ipc.ts.

/// Calls the macro `$then` with the commands, as identifiers.
macro_rules! with_commands {
    ($then:ident) => {
        $then!(
            ask,
            list_documents,
            get_document,
            import_files,
            cancel_import,
            remove_document,
            search_quotes,
            list_speakers,
            app_info,
            open_link,
            quotes_about,
            speaker_record,
            files_in,
            load_conversation,
            keep_conversation
        )
    };
}

/// The names of identifiers, as a `&[&str]`.
#[cfg_attr(not(test), allow(unused_macros))] // the app uses it in its tests only
macro_rules! names {
    ($($command:ident),*) => {
        &[$(stringify!($command)),*]
    };
}
