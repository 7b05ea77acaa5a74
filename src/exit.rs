//! The exit statuses, defined in one place.

/// What the process reports to scripts and editors. Never a count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// Nothing reached the failing level.
    Clean = 0,
    /// At least one finding reached the failing level (or a rule example
    /// failed, for `sorrylint test`).
    Findings = 1,
    /// A usage error, unreadable input or invalid rules.
    Error = 2,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(status as u8)
    }
}
