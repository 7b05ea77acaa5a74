//! SMS segments: how many messages a phone network splits a text into.
//!
//! A text that fits the GSM 03.38 alphabet is sent in 7-bit units: 160 in
//! one message, or 153 per part once it needs several (the rest carries the
//! header that joins them). Any other character forces UCS-2: 70 UTF-16
//! units in one message, 67 per part.

const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// Characters that take an escape unit plus their own.
const GSM_EXTENSION: &str = "^{}\\[~]|€\u{c}";

/// Returns the byte offset where each segment of `text` starts; the length
/// is the number of segments (zero for an empty text).
///
/// NOTE: a phone never splits an escape pair or a surrogate pair across two
/// parts and moves it whole to the next one; this count ignores that, so a
/// text right at a boundary can take one part more than counted.
pub fn segment_starts(text: &str) -> Vec<usize> {
    let gsm = text
        .chars()
        .all(|c| GSM_BASIC.contains(c) || GSM_EXTENSION.contains(c));
    let units = |c: char| -> usize {
        if !gsm {
            c.len_utf16()
        } else if GSM_EXTENSION.contains(c) {
            2
        } else {
            1
        }
    };
    let (single, per_part) = if gsm { (160, 153) } else { (70, 67) };

    let total: usize = text.chars().map(units).sum();
    if total == 0 {
        return Vec::new();
    }
    if total <= single {
        return vec![0];
    }

    let mut starts = vec![0];
    let mut used = 0;
    for (offset, c) in text.char_indices() {
        let size = units(c);
        if used + size > per_part {
            starts.push(offset);
            used = 0;
        }
        used += size;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gsm_text_fits_160_then_153_per_part() {
        assert_eq!(segment_starts(&"a".repeat(160)).len(), 1);
        assert_eq!(segment_starts(&"a".repeat(161)), vec![0, 153]);
        assert_eq!(segment_starts(&"a".repeat(307)).len(), 3);
    }

    #[test]
    fn extension_characters_count_twice() {
        assert_eq!(segment_starts(&"€".repeat(80)).len(), 1);
        assert_eq!(segment_starts(&"€".repeat(81)).len(), 2);
    }

    #[test]
    fn other_characters_force_ucs2() {
        let text = format!("{}’", "a".repeat(69));
        assert_eq!(segment_starts(&text).len(), 1);
        let text = format!("{}’", "a".repeat(70));
        assert_eq!(segment_starts(&text), vec![0, 67]);
        // An emoji is two UTF-16 units.
        assert_eq!(segment_starts(&"🙂".repeat(35)).len(), 1);
        assert_eq!(segment_starts(&"🙂".repeat(36)).len(), 2);
    }

    #[test]
    fn empty_text_has_no_segment() {
        assert!(segment_starts("").is_empty());
    }
}
