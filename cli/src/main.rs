//! The `verbatim` command (see the library crate for what it does).

fn main() -> std::process::ExitCode {
    verbatim_cli::main_with(std::env::args_os())
}
