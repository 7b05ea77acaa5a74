//! Writing a fixed draft back to its file without ever losing it.

use std::io::Write;
use std::path::{Path, PathBuf};

use miette::Diagnostic;
use tempfile::NamedTempFile;
use thiserror::Error;

/// Why a fixed draft was not written. In every case the file is left as
/// it was.
#[derive(Debug, Error, Diagnostic)]
pub enum WriteError {
    #[error("cannot fix {}: the file is read-only", path.display())]
    #[diagnostic(
        code(sorrylint::read_only),
        help("make the file writable, or use --diff to see the fixes without writing")
    )]
    ReadOnlyFile { path: PathBuf },

    #[error("cannot fix {}: its folder {} is read-only", path.display(), folder.display())]
    #[diagnostic(
        code(sorrylint::read_only),
        help(
            "the fixed draft is written beside the file first and then renamed over it, so the folder must be writable; or use --diff"
        )
    )]
    ReadOnlyFolder { path: PathBuf, folder: PathBuf },

    #[error("cannot fix {}: the file changed on disk while it was being linted", path.display())]
    #[diagnostic(
        code(sorrylint::changed_on_disk),
        help("nothing was written; run sorrylint again on the new content")
    )]
    ChangedOnDisk { path: PathBuf },

    #[error("cannot write the fixed draft to {}: {error}", path.display())]
    #[diagnostic(
        code(sorrylint::write_failed),
        help("nothing was written; check the disk and the folder's permissions")
    )]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// Replaces the file at `path` with `fixed`, but only if it still holds
/// `original`. The text goes to a temporary file in the same folder that
/// is renamed over the original, so a reader sees the old or the new
/// draft, never half of one, and the file keeps its permissions. A link is
/// followed, and the file it points at is replaced.
///
/// NOTE: a write between the final check and the rename is not detected;
/// the window is one `rename` call.
pub fn write_in_place(path: &Path, original: &[u8], fixed: &str) -> Result<(), WriteError> {
    let io_error = |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    };
    let target = std::fs::canonicalize(path).map_err(io_error)?;
    let metadata = std::fs::metadata(&target).map_err(io_error)?;
    if metadata.permissions().readonly() {
        return Err(WriteError::ReadOnlyFile {
            path: path.to_path_buf(),
        });
    }
    let folder = target.parent().unwrap_or(Path::new("/")).to_path_buf();
    let folder_metadata = std::fs::metadata(&folder).map_err(io_error)?;
    if folder_metadata.permissions().readonly() {
        return Err(WriteError::ReadOnlyFolder {
            path: path.to_path_buf(),
            folder,
        });
    }

    let current = std::fs::read(&target).map_err(io_error)?;
    if current != original {
        return Err(WriteError::ChangedOnDisk {
            path: path.to_path_buf(),
        });
    }

    let mut temporary = NamedTempFile::new_in(&folder).map_err(|error| match error.kind() {
        std::io::ErrorKind::PermissionDenied => WriteError::ReadOnlyFolder {
            path: path.to_path_buf(),
            folder: folder.clone(),
        },
        _ => io_error(error),
    })?;
    temporary.write_all(fixed.as_bytes()).map_err(io_error)?;
    temporary.as_file().sync_all().map_err(io_error)?;
    std::fs::set_permissions(temporary.path(), metadata.permissions()).map_err(io_error)?;
    temporary
        .persist(&target)
        .map_err(|error| io_error(error.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn replaces_content_and_keeps_mode() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("draft.txt");
        std::fs::write(&path, "sry").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();

        write_in_place(&path, b"sry", "sorry").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "sorry");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn refuses_when_file_changed() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("draft.txt");
        std::fs::write(&path, "edited meanwhile").unwrap();

        let error = write_in_place(&path, b"sry", "sorry").unwrap_err();
        assert!(matches!(error, WriteError::ChangedOnDisk { .. }), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited meanwhile");
    }

    #[test]
    fn refuses_read_only_file() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("draft.txt");
        std::fs::write(&path, "sry").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();

        let error = write_in_place(&path, b"sry", "sorry").unwrap_err();
        assert!(matches!(error, WriteError::ReadOnlyFile { .. }), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "sry");
    }

    #[test]
    fn refuses_read_only_folder() {
        let folder = tempfile::tempdir().unwrap();
        let inner = folder.path().join("templates");
        std::fs::create_dir(&inner).unwrap();
        let path = inner.join("draft.txt");
        std::fs::write(&path, "sry").unwrap();
        std::fs::set_permissions(&inner, std::fs::Permissions::from_mode(0o555)).unwrap();

        let error = write_in_place(&path, b"sry", "sorry").unwrap_err();
        std::fs::set_permissions(&inner, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(
            matches!(error, WriteError::ReadOnlyFolder { .. }),
            "{error}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "sry");
    }

    #[test]
    fn follows_a_link_to_its_file() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("draft.txt");
        let link = folder.path().join("link.txt");
        std::fs::write(&path, "sry").unwrap();
        std::os::unix::fs::symlink(&path, &link).unwrap();

        write_in_place(&link, b"sry", "sorry").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "sorry");
    }
}
