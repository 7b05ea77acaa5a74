//! Settings the editor sends: at start-up as initialization options, and
//! later through `workspace/didChangeConfiguration`.

use serde::Deserialize;
use serde_json::Value;

/// Settings from the editor. Rules themselves come from the configuration
/// file and the server's command line, as they do for `sorrylint check`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Settings {
    /// The audience for documents whose front matter names none.
    pub audience: Option<String>,
}

impl Settings {
    /// Reads settings sent as `{"sorrylint": {...}}`, the shape most
    /// editors use for a server's section, or as a bare object with an
    /// `audience` key. Returns `None` when the value has neither, such as
    /// `null`, `{}` or another server's section, so that the settings in
    /// force stay. `{"sorrylint": {}}` or `{"sorrylint": null}` clears
    /// them.
    pub fn from_value(value: &Value) -> Result<Option<Settings>, String> {
        let section = match value {
            Value::Null => return Ok(None),
            Value::Object(object) => match object.get("sorrylint") {
                Some(section) => section,
                None if object.contains_key("audience") => value,
                None => return Ok(None),
            },
            other => {
                return Err(format!(
                    "sorrylint settings must be an object such as {{\"audience\": \"client\"}}, not {other}"
                ));
            }
        };
        if section.is_null() {
            return Ok(Some(Settings::default()));
        }
        Settings::deserialize(section).map(Some).map_err(|error| {
            format!("invalid sorrylint settings: {error}; the one setting is \"audience\"")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn client() -> Option<Settings> {
        Some(Settings {
            audience: Some("client".into()),
        })
    }

    #[test]
    fn settings_from_section_or_bare_object() {
        let nested = json!({"sorrylint": {"audience": "client"}});
        assert_eq!(Settings::from_value(&nested), Ok(client()));
        let bare = json!({"audience": "client"});
        assert_eq!(Settings::from_value(&bare), Ok(client()));
    }

    #[test]
    fn settings_for_others_keep_ours() {
        let values = [
            json!({"rust-analyzer": {"checkOnSave": true}}),
            json!({}),
            Value::Null,
        ];
        for value in values {
            assert_eq!(Settings::from_value(&value), Ok(None), "{value}");
        }
    }

    #[test]
    fn settings_cleared_by_empty_section() {
        let cleared = Some(Settings::default());
        assert_eq!(
            Settings::from_value(&json!({"sorrylint": {}})),
            Ok(cleared.clone())
        );
        assert_eq!(
            Settings::from_value(&json!({"sorrylint": null})),
            Ok(cleared)
        );
    }

    #[test]
    fn settings_misspelt_key_is_error() {
        let error = Settings::from_value(&json!({"sorrylint": {"audiance": "boss"}})).unwrap_err();
        assert!(error.contains("audiance"), "{error}");
        let error = Settings::from_value(&json!({"audience": "boss", "extra": 1})).unwrap_err();
        assert!(error.contains("extra"), "{error}");
        let error = Settings::from_value(&json!("client")).unwrap_err();
        assert!(error.contains("must be an object"), "{error}");
    }
}
