fn main() {
    // Declaring the app's commands makes each one a permission, so the window's
    // capability (capabilities/default.json) grants exactly the ones it uses.
    let commands = &[
        "ask",
        "list_documents",
        "get_document",
        "import_files",
        "cancel_import",
        "remove_document",
        "search_quotes",
        "list_speakers",
        "app_info",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("the Tauri build step runs");
}
