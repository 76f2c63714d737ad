//! The command's own failures, beside the engine's.

/// What can go wrong in the `verbatim` command.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The engine failed (a bad file, an unknown id, a busy or damaged library...).
    #[error(transparent)]
    Engine(#[from] verbatim_index::Error),
    /// There is no home folder for the default library.
    #[error("no home folder to keep the library in; give --library DIR")]
    NoHome,
    /// Standard output could not be written (a closed pipe, a full disk).
    #[error("cannot write the output: {0}")]
    Output(std::io::Error),
    /// Questions could not be read from standard input.
    #[error("cannot read the questions from standard input: {0}")]
    Input(std::io::Error),
}
