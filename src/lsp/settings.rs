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
    /// editors use for a server's section, or as the bare object. `null`
    /// and an object without our section mean no settings.
    pub fn from_value(value: &Value) -> Result<Settings, String> {
        let section = match value {
            Value::Null => return Ok(Settings::default()),
            Value::Object(object) => match object.get("sorrylint") {
                Some(section) => section,
                None if object.keys().all(|key| is_setting(key)) => value,
                None => return Ok(Settings::default()),
            },
            other => {
                return Err(format!(
                    "sorrylint settings must be an object such as {{\"audience\": \"client\"}}, not {other}"
                ));
            }
        };
        if section.is_null() {
            return Ok(Settings::default());
        }
        Settings::deserialize(section).map_err(|error| {
            format!("invalid sorrylint settings: {error}; the one setting is \"audience\"")
        })
    }
}

fn is_setting(key: &str) -> bool {
    key == "audience"
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_section_or_the_bare_object() {
        let client = Settings {
            audience: Some("client".into()),
        };
        let nested = json!({"sorrylint": {"audience": "client"}});
        assert_eq!(Settings::from_value(&nested), Ok(client.clone()));
        let bare = json!({"audience": "client"});
        assert_eq!(Settings::from_value(&bare), Ok(client));
    }

    #[test]
    fn other_servers_sections_are_not_ours() {
        let other = json!({"rust-analyzer": {"checkOnSave": true}});
        assert_eq!(Settings::from_value(&other), Ok(Settings::default()));
        assert_eq!(Settings::from_value(&Value::Null), Ok(Settings::default()));
    }

    #[test]
    fn settings_misspelt_key_is_error() {
        let error = Settings::from_value(&json!({"sorrylint": {"audiance": "boss"}})).unwrap_err();
        assert!(error.contains("audiance"), "{error}");
        let error = Settings::from_value(&json!("client")).unwrap_err();
        assert!(error.contains("must be an object"), "{error}");
    }
}
