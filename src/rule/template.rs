//! Messages with `{name}` placeholders, checked when rules load.

/// A message split into literal text and placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Literal(String),
    Placeholder(String),
}

impl Template {
    /// Parses `text`, accepting only the placeholders in `allowed`. `{{`
    /// and `}}` stand for literal braces.
    pub fn parse(text: &str, allowed: &[&str]) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(position) = rest.find(['{', '}']) {
            literal.push_str(&rest[..position]);
            let tail = &rest[position..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                literal.push_str(&tail[..1]);
                rest = &tail[2..];
                continue;
            }
            if tail.starts_with('}') {
                return Err(format!(
                    "unmatched '}}' in message '{text}': write '}}}}' for a literal brace"
                ));
            }
            let Some(close) = tail.find('}') else {
                return Err(format!(
                    "unclosed '{{' in message '{text}': write '{{{{' for a literal brace"
                ));
            };
            let name = &tail[1..close];
            if !allowed.contains(&name) {
                let known = if allowed.is_empty() {
                    "this kind of rule has none".to_string()
                } else {
                    format!("use one of {}", braced(allowed))
                };
                return Err(format!(
                    "unknown placeholder '{{{name}}}' in message: {known}"
                ));
            }
            if !literal.is_empty() {
                parts.push(Part::Literal(std::mem::take(&mut literal)));
            }
            parts.push(Part::Placeholder(name.to_string()));
            rest = &tail[close + 1..];
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            parts.push(Part::Literal(literal));
        }
        Ok(Template { parts })
    }

    /// Fills in the placeholders; `value` returns each one's text.
    pub fn render(&self, value: impl Fn(&str) -> String) -> String {
        let mut output = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(text) => output.push_str(text),
                Part::Placeholder(name) => output.push_str(&value(name)),
            }
        }
        output
    }
}

fn braced(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("{{{name}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_placeholders_and_escaped_braces() {
        let template = Template::parse("'{match}' means {{x}}", &["match"]).unwrap();
        assert_eq!(template.render(|_| "u".into()), "'u' means {x}");
    }

    #[test]
    fn rejects_unknown_or_unclosed_placeholders() {
        let error = Template::parse("{count} found", &["match"]).unwrap_err();
        assert_eq!(
            error,
            "unknown placeholder '{count}' in message: use one of {match}"
        );
        assert!(Template::parse("{match", &["match"]).is_err());
        assert!(Template::parse("a } b", &["match"]).is_err());
    }
}
