//! The smallest Tauri app: one window showing one static page. Built with the same
//! profile as Verbatim, it is the baseline for the installer size and the start-up time
//! (see docs/BENCHMARKS.md).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the window opens");
}
