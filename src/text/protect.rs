//! Regions of a draft that word rules must never look inside.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        [\w.+-]+@[\w-]+(?:\.[\w-]+)+                      # e-mail address
        | \b(?:https?://|www\.)[^\s<>]+                   # URL with a scheme or www.
        | \b(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|io|co|uk|us|ca|au|sg|in|de|fr|me|app|dev|info|biz|ly)\b(?:/[^\s<>]*)?
        ",
    )
    .expect("link pattern is valid")
});

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b\d+(?:[:.,/]\d+)*                               # 3, 4:30, 1,000, 12/5
        (?:\s?(?:am|pm|a\.m\.|p\.m\.|h|hrs?|mins?|st|nd|rd|th|k))?\b
        ",
    )
    .expect("number pattern is valid")
});

/// Finds URLs and e-mail addresses.
pub fn find_links(text: &str) -> Vec<Range<usize>> {
    LINK.find_iter(text).map(|found| found.range()).collect()
}

/// Finds numbers and times such as `2pm`, `4:30` or `1,000`.
pub fn find_numbers(text: &str) -> Vec<Range<usize>> {
    NUMBER.find_iter(text).map(|found| found.range()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, ranges: Vec<Range<usize>>) -> Vec<&str> {
        ranges.into_iter().map(|range| &text[range]).collect()
    }

    #[test]
    fn finds_urls_and_addresses() {
        let text = "see https://example.com/u/sorry-r, www.x.org or mail u.r@example.com; shop.co.uk/r too";
        assert_eq!(
            found(text, find_links(text)),
            vec![
                "https://example.com/u/sorry-r,",
                "www.x.org",
                "u.r@example.com",
                "shop.co.uk/r"
            ]
        );
    }

    #[test]
    fn finds_times_and_numbers_but_not_txt_speak() {
        let text = "at 2pm or 4:30, 1,000 texts, b4 2morrow";
        assert_eq!(
            found(text, find_numbers(text)),
            vec!["2pm", "4:30", "1,000"]
        );
    }
}
