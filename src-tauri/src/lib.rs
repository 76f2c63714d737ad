//! The desktop shell: a few lines per command over the engine. Heavy work runs on
//! tokio's blocking pool so the window never freezes; import progress arrives as events.

#[macro_use]
mod commands;
mod error;
mod types;

use error::AppError;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use tauri::{AppHandle, Emitter, Manager, State};
use verbatim_index::{
    Answer, Document, DocumentInfo, ImportEvent, Library, OpenOptions, QuoteSearch, Scope,
    SpeakerInfo, SpeakerRecord, TopicQuotes,
};

/// The open library, shared by the commands.
struct AppState {
    dir: PathBuf,
    /// Read by every command at once (a question and who said what on it run side by side);
    /// written only to take in other processes' changes and to remove a document.
    library: Arc<RwLock<Library>>,
    cancel: Arc<AtomicBool>,
}

type CmdResult<T> = Result<T, AppError>;

/// Runs `f` with the library on the blocking pool, after taking in what other processes
/// (the `verbatim` command, another window) changed since the last command. Commands that
/// only read share the library.
async fn with_library<T: Send + 'static>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&Library) -> Result<T, verbatim_index::Error> + Send + 'static,
) -> CmdResult<T> {
    let library = state.library.clone();
    blocking(move || {
        let changed = library.read().map_err(|_| poisoned())?.changed_on_disk();
        if changed {
            refresh(&mut *library.write().map_err(|_| poisoned())?)?;
        }
        let lib = library.read().map_err(|_| poisoned())?;
        f(&lib).map_err(AppError::from)
    })
    .await
}

/// [`with_library`] for a command that changes the library: it has the library to itself.
async fn changing_library<T: Send + 'static>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&mut Library) -> Result<T, verbatim_index::Error> + Send + 'static,
) -> CmdResult<T> {
    let library = state.library.clone();
    blocking(move || {
        let mut lib = library.write().map_err(|_| poisoned())?;
        refresh(&mut lib)?;
        f(&mut lib).map_err(AppError::from)
    })
    .await
}

/// Runs `f` on the blocking pool: library work reads and writes files, which the
/// window's event loop must not wait for.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> CmdResult<T> + Send + 'static,
) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
}

/// Takes in what other processes changed.
fn refresh(lib: &mut Library) -> CmdResult<()> {
    match lib.refresh_if_changed() {
        // Another process is rebuilding the index: go on from the view held (a change of
        // the library's own takes the lock, and is told it is busy there).
        Ok(_) | Err(verbatim_index::Error::Busy(_)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

fn poisoned() -> AppError {
    AppError::internal("the library was left in a bad state")
}

/// Part of the library, as the window sends it: every condition given must hold.
#[derive(Debug, Default, Deserialize, ts_rs::TS)]
struct ScopeArgs {
    document: Option<String>,
    site: Option<String>,
    since: Option<String>,
    until: Option<String>,
}

impl From<ScopeArgs> for Scope {
    fn from(s: ScopeArgs) -> Scope {
        let given = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
        Scope {
            document: given(s.document),
            site: given(s.site),
            since: given(s.since),
            until: given(s.until),
        }
    }
}

#[tauri::command]
async fn ask(
    state: State<'_, AppState>,
    question: String,
    top: Option<usize>,
    scope: Option<ScopeArgs>,
) -> CmdResult<Answer> {
    with_library(&state, move |lib| {
        lib.ask_in(
            &question,
            top.unwrap_or(verbatim_index::answer::DEFAULT_PASSAGES),
            &scope.unwrap_or_default().into(),
        )
    })
    .await
}

/// The most quotes of each speaker the window's topic view is sent: it shows a few (their
/// record has them all); a topic quoted across thousands of articles would otherwise cross
/// as megabytes.
const TOPIC_QUOTES_EACH: usize = 12;

/// Who said what on a topic, grouped by speaker.
#[tauri::command]
async fn quotes_about(
    state: State<'_, AppState>,
    topic: String,
    scope: Option<ScopeArgs>,
) -> CmdResult<TopicQuotes> {
    with_library(&state, move |lib| {
        let mut found = lib.quotes_about(&topic, &scope.unwrap_or_default().into())?;
        for s in &mut found.speakers {
            s.quotes.truncate(TOPIC_QUOTES_EACH);
        }
        Ok(found)
    })
    .await
}

/// A speaker's record: every quote in date order, descriptions, company; only the
/// `first` quotes when asked (the window shows those while the rest comes: a speaker
/// quoted a thousand times is most of a megabyte to send).
#[tauri::command]
async fn speaker_record(
    state: State<'_, AppState>,
    name: String,
    first: Option<usize>,
) -> CmdResult<Option<SpeakerRecord>> {
    with_library(&state, move |lib| {
        let record = lib.speaker_record(&name)?;
        Ok(match first {
            Some(n) => record.map(|r| r.first(n)),
            None => record,
        })
    })
    .await
}

/// The files to import for what the user chose (folders opened, recursively).
#[derive(Debug, Serialize, ts_rs::TS)]
struct ChosenFiles {
    files: Vec<String>,
    /// Files inside the folders that are not of a format Verbatim reads.
    skipped: usize,
}

#[tauri::command]
async fn files_in(paths: Vec<PathBuf>) -> CmdResult<ChosenFiles> {
    let chosen = blocking(move || Ok(verbatim_index::ingest::files_in(&paths))).await?;
    Ok(ChosenFiles {
        files: chosen
            .files
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        skipped: chosen.skipped,
    })
}

/// The conversation kept in the library folder, as the window last kept it.
#[tauri::command]
async fn load_conversation(state: State<'_, AppState>) -> CmdResult<Option<String>> {
    with_library(&state, |lib| lib.conversation()).await
}

/// Keeps the conversation in the library folder, or forgets it (`null`).
#[tauri::command]
async fn keep_conversation(state: State<'_, AppState>, text: Option<String>) -> CmdResult<()> {
    with_library(&state, move |lib| lib.keep_conversation(text.as_deref())).await
}

/// Opens a document's own web address in the system browser, when the user clicks it. The
/// window names the document, never an address, so it can open nothing else; the app itself
/// still makes no network request.
#[tauri::command]
async fn open_link(state: State<'_, AppState>, document: String) -> CmdResult<()> {
    let url = with_library(&state, move |lib| {
        lib.list()
            .into_iter()
            .find(|d| d.id == document)
            .map(|d| d.metadata.url)
            .ok_or(verbatim_index::Error::UnknownDocument(document))
    })
    .await?;
    let url = url
        .filter(|u| web_address(u))
        .ok_or_else(|| AppError::internal("this article has no web address to open"))?;
    open::that_detached(&url)
        .map_err(|e| AppError::internal(format!("could not open {url} in the browser: {e}")))
}

/// An address the browser may be asked to open: http or https, nothing else (not `file:`,
/// not `javascript:`, not an application's own scheme).
fn web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.contains(char::is_whitespace)
}

#[tauri::command]
async fn list_documents(state: State<'_, AppState>) -> CmdResult<Vec<DocumentInfo>> {
    with_library(&state, |lib| Ok(lib.list())).await
}

#[tauri::command]
async fn get_document(state: State<'_, AppState>, id: String) -> CmdResult<Document> {
    with_library(&state, move |lib| lib.document(&id)).await
}

#[tauri::command]
async fn search_quotes(state: State<'_, AppState>, name: Option<String>) -> CmdResult<QuoteSearch> {
    with_library(&state, move |lib| {
        lib.quotes(name.as_deref().filter(|n| !n.trim().is_empty()))
    })
    .await
}

#[tauri::command]
async fn list_speakers(state: State<'_, AppState>) -> CmdResult<Vec<SpeakerInfo>> {
    with_library(&state, |lib| Ok(lib.speakers())).await
}

#[tauri::command]
async fn remove_document(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    changing_library(&state, move |lib| lib.remove(&id)).await
}

/// One file of an import, as the window hears of it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
struct ImportProgress {
    index: usize,
    total: usize,
    path: String,
    ok: bool,
    id: Option<String>,
    title: Option<String>,
    error: Option<String>,
}

#[derive(Debug, Serialize, ts_rs::TS)]
struct ImportReport {
    added: Vec<DocumentInfo>,
    failed: Vec<AppError>,
}

/// Imports files with a second handle on the library, so questions keep being answered
/// (from the library as it was) while the import runs; the shared handle then sees it.
#[tauri::command]
async fn import_files(
    app: AppHandle,
    state: State<'_, AppState>,
    paths: Vec<PathBuf>,
) -> CmdResult<ImportReport> {
    let dir = state.dir.clone();
    let cancel = state.cancel.clone();
    cancel.store(false, Ordering::Relaxed);
    let report = blocking(move || {
        let mut importer = Library::open(&dir, OpenOptions::default())?;
        importer
            .add_files(&paths, &cancel, &mut |event| {
                if let ImportEvent::File {
                    index,
                    total,
                    path,
                    outcome,
                } = event
                {
                    let progress = ImportProgress {
                        index,
                        total,
                        path: path.display().to_string(),
                        ok: outcome.is_ok(),
                        id: outcome.as_ref().ok().map(|d| d.id.clone()),
                        title: outcome.as_ref().ok().map(|d| d.title.clone()),
                        error: outcome.as_ref().err().map(|e| e.to_string()),
                    };
                    let _ = app.emit("import-progress", progress);
                }
            })
            .map_err(AppError::from)
    })
    .await?;
    // The window's handle takes the import in (with_library refreshes it). Should another
    // process be rebuilding the index just now, it takes it in at its next command: the
    // import itself is done, and is reported as done.
    with_library(&state, |_| Ok(())).await?;
    Ok(ImportReport {
        added: report.added,
        failed: report.failed.into_iter().map(AppError::from).collect(),
    })
}

#[tauri::command]
fn cancel_import(state: State<'_, AppState>) {
    state.cancel.store(true, Ordering::Relaxed);
}

#[derive(Debug, Serialize, ts_rs::TS)]
struct AppInfo {
    version: String,
    library: String,
}

#[tauri::command]
fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        library: state.dir.display().to_string(),
    }
}

/// The library folder: `VERBATIM_LIBRARY` if set (as for the `verbatim` command), else the
/// app's data folder, which is the command's default too.
fn library_dir(app: &AppHandle) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("VERBATIM_LIBRARY") {
        return Ok(PathBuf::from(dir));
    }
    app.path().app_data_dir().map_err(|e| e.to_string())
}

/// The commands' names (for the TypeScript declarations).
#[cfg(test)]
const COMMAND_NAMES: &[&str] = with_commands!(names);

/// The commands, as Tauri's handler.
macro_rules! handler {
    ($($command:ident),*) => {
        tauri::generate_handler![$($command),*]
    };
}

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let dir = library_dir(app.handle())?;
            let library = Library::open(&dir, OpenOptions::default())?;
            app.manage(AppState {
                dir,
                library: Arc::new(RwLock::new(library)),
                cancel: Arc::new(AtomicBool::new(false)),
            });
            Ok(())
        })
        .invoke_handler(with_commands!(handler))
        .run(tauri::generate_context!())
        .expect("the Verbatim window could not start");
}

#[cfg(test)]
mod link_tests {
    use super::web_address;

    #[test]
    fn only_web_addresses_are_opened() {
        assert!(web_address("https://paper.example/2024/story"));
        assert!(web_address("HTTP://paper.example/"));
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "verbatim://x",
            "https://paper.example/a b",
            "//paper.example/story",
            "",
        ] {
            assert!(!web_address(bad), "{bad}");
        }
    }
}
