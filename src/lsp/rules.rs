//! Rules for each folder of documents, loaded once and reused. Compiling
//! the default rules takes tens of milliseconds, too long to repeat on
//! every keystroke.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::ruleset::Ruleset;
use crate::selection::{ConfigChoice, RuleSelection, load_selected, read_config};

use super::diagnostics::plain_message;

/// Rules that could not load, as text to show in the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesError {
    pub message: String,
}

pub type RulesResult = Result<Arc<Ruleset>, RulesError>;

/// Rule sets by configuration file: documents under the same
/// `.sorrylint.yaml` share one.
pub struct RuleCache {
    choice: ConfigChoice,
    selection: RuleSelection,
    /// Keyed by the configuration file's path; `None` for documents that
    /// have none.
    loaded: HashMap<Option<PathBuf>, Loaded>,
}

struct Loaded {
    /// When the configuration file was last changed, as read at loading;
    /// a newer one loads the rules again.
    config_modified: Option<SystemTime>,
    result: RulesResult,
}

impl RuleCache {
    pub fn new(choice: ConfigChoice, selection: RuleSelection) -> Self {
        RuleCache {
            choice,
            selection,
            loaded: HashMap::new(),
        }
    }

    /// Returns the rules for documents in `folder`.
    pub fn for_folder(&mut self, folder: &Path) -> RulesResult {
        let config_path = self.choice.path_for(folder);
        let modified = config_path.as_deref().and_then(modified_time);
        if let Some(loaded) = self.loaded.get(&config_path)
            && loaded.config_modified == modified
        {
            return loaded.result.clone();
        }

        let result = self.load(config_path.as_deref());
        self.loaded.insert(
            config_path,
            Loaded {
                config_modified: modified,
                result: result.clone(),
            },
        );
        result
    }

    /// Forgets every loaded rule set, so that edited rule files load again.
    pub fn clear(&mut self) {
        self.loaded.clear();
    }

    fn load(&self, config_path: Option<&Path>) -> RulesResult {
        let config = read_config(config_path).map_err(|error| RulesError {
            message: plain_message(&error),
        })?;
        load_selected(config.as_ref(), &self.selection)
            .map(Arc::new)
            .map_err(|error| RulesError {
                message: plain_message(error.as_ref()),
            })
    }
}

fn modified_time(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path)
        .and_then(|meta| meta.modified())
        .ok()
}
