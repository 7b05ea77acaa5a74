//! sorrylint: a linter for the text a person sends back after missing a
//! phone call.
//!
//! Rules come from YAML (`load`), compile once into `rule::Rule`s, and
//! turn a `draft::Draft` into `finding::Finding`s. Printers in `report`
//! show findings; nothing in the engine knows how.

pub mod audience;
pub mod cli;
pub mod config;
pub mod context;
pub mod draft;
pub mod duration;
pub mod examples;
pub mod exit;
pub mod finding;
pub mod fix;
pub mod load;
pub mod lsp;
pub mod report;
pub mod rule;
pub mod ruleset;
pub mod selection;
pub mod severity;
pub mod text;
