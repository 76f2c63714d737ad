// No console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    // `verbatim-app --cli ARGS…` is the `verbatim` command: the Linux packages install
    // /usr/bin/verbatim as a script that runs it, so an install holds one copy of the
    // engine. No window, no GTK: the command line only.
    if std::env::args_os().nth(1).is_some_and(|a| a == "--cli") {
        let args = std::iter::once("verbatim".into()).chain(std::env::args_os().skip(2));
        return verbatim_cli::main_with(args.collect::<Vec<std::ffi::OsString>>());
    }
    verbatim_app::run();
    ExitCode::SUCCESS
}
