//! `verbatim ask` as a user runs it: a whole process, start to exit, on a library that
//! holds the bundled article, beside `verbatim --version` (starting a process and doing
//! nothing) in the same run, interleaved so that machine noise hits both alike.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

const QUESTIONS: &[&str] = &[
    "Who is Artyom Lukin?",
    "When did Moscow withdraw its advisers?",
    "What does Kuhrt say about Kazakhstan?",
    "What is the capital of France?",
];

fn time(cmd: &mut Command) -> Result<f64, Box<dyn std::error::Error>> {
    let start = Instant::now();
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("{cmd:?} failed: {status}").into());
    }
    Ok(start.elapsed().as_secs_f64() * 1000.0)
}

fn summary(mut xs: Vec<f64>) -> (f64, f64, f64) {
    xs.sort_by(f64::total_cmp);
    let at = |q: f64| xs[((xs.len() - 1) as f64 * q).round() as usize];
    (xs[0], at(0.5), at(0.95))
}

pub fn run(verbatim: Option<PathBuf>, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    let verbatim = match verbatim {
        Some(v) => v,
        None => std::env::current_exe()
            .map_err(|e| e.to_string())?
            .with_file_name("verbatim"),
    };
    let dir = tempfile::tempdir()?;
    let lib = dir.path().join("library");
    // Create the library (and index the bundled article) once, outside the timing.
    time(
        Command::new(&verbatim)
            .arg("--library")
            .arg(&lib)
            .arg("list"),
    )?;
    let (mut ask, mut version) = (Vec::new(), Vec::new());
    for i in 0..runs.max(1) {
        let q = QUESTIONS[i % QUESTIONS.len()];
        ask.push(time(
            Command::new(&verbatim)
                .arg("--library")
                .arg(&lib)
                .args(["ask", q, "--json"]),
        )?);
        version.push(time(Command::new(&verbatim).arg("--version"))?);
    }
    let (a0, a50, a95) = summary(ask);
    let (v0, v50, v95) = summary(version);
    println!("binary: {}", verbatim.display());
    println!("{runs} runs each, interleaved; whole process, wall time in ms");
    println!(
        "{:<34} {:>8} {:>8} {:>8}",
        "command", "min", "median", "p95"
    );
    println!(
        "{:<34} {a0:>8.1} {a50:>8.1} {a95:>8.1}",
        "verbatim ask (bundled library)"
    );
    println!(
        "{:<34} {v0:>8.1} {v50:>8.1} {v95:>8.1}",
        "verbatim --version (baseline)"
    );
    Ok(())
}
