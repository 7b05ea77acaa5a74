//! The default rules, built into the binary so that it runs with no files
//! beside it.

/// The audience groups, always loaded first.
pub const AUDIENCES: (&str, &str) = ("audiences.yaml", include_str!("../../rules/audiences.yaml"));

/// The default rule files, by name under `rules/`.
pub const RULE_FILES: &[(&str, &str)] = &[
    (
        "over-apologizing.yaml",
        include_str!("../../rules/over-apologizing.yaml"),
    ),
    ("who-dis.yaml", include_str!("../../rules/who-dis.yaml")),
    ("txt-speak.yaml", include_str!("../../rules/txt-speak.yaml")),
    (
        "call-to-action.yaml",
        include_str!("../../rules/call-to-action.yaml"),
    ),
    (
        "acknowledgement.yaml",
        include_str!("../../rules/acknowledgement.yaml"),
    ),
    (
        "placeholder.yaml",
        include_str!("../../rules/placeholder.yaml"),
    ),
    ("tone.yaml", include_str!("../../rules/tone.yaml")),
    ("excuses.yaml", include_str!("../../rules/excuses.yaml")),
    ("context.yaml", include_str!("../../rules/context.yaml")),
    ("length.yaml", include_str!("../../rules/length.yaml")),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_rules_folder_is_embedded() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(folder)
            .expect("rules folder is readable")
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".yaml"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = RULE_FILES
            .iter()
            .chain([&AUDIENCES])
            .map(|(name, _)| name.to_string())
            .collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }
}
