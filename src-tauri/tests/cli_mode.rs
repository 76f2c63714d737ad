//! `verbatim-app --cli …` is the `verbatim` command (the Linux packages install
//! /usr/bin/verbatim as a script that runs it): it must behave as the command does, and
//! never open a window.

use std::process::Command;

fn app() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_verbatim-app"));
    // No display: a window or GTK start-up would fail, so a pass shows that none is tried.
    cmd.env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY");
    cmd.arg("--cli");
    cmd
}

#[test]
fn the_app_binary_is_the_command_line() {
    let out = app().arg("--version").output().expect("runs");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("verbatim {}", env!("CARGO_PKG_VERSION"))
    );

    let dir = tempfile::tempdir().expect("tmp");
    let out = app()
        .arg("--library")
        .arg(dir.path())
        .args(["ask", "Who is Artyom Lukin?", "--json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(answer["answered"], true);
    assert!(answer["passages"][0]["text"]
        .as_str()
        .is_some_and(|t| t.contains("This specialist in Russian-China relations")));
}

#[test]
fn usage_errors_exit_2_as_the_command_does() {
    let out = app().arg("--no-such-option").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Usage: verbatim"));
}
