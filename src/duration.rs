//! Durations such as `20m`, `3h` or `2d`, as used by `--elapsed` and rule
//! conditions.

use std::fmt;
use std::str::FromStr;

/// A span of time with one-minute resolution, which is all a reply's delay
/// needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Elapsed {
    minutes: u64,
}

impl Elapsed {
    pub fn from_minutes(minutes: u64) -> Self {
        Elapsed { minutes }
    }

    pub fn minutes(self) -> u64 {
        self.minutes
    }
}

/// The longest duration accepted: 100 years, far past any reply.
const MAX_MINUTES: u64 = 36_500 * 24 * 60;

/// The error for a duration that is not a number followed by a unit, or
/// is too large.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidDuration {
    pub value: String,
    pub reason: DurationProblem,
}

/// What is wrong with a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationProblem {
    Malformed,
    TooLarge,
}

impl fmt::Display for InvalidDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason {
            DurationProblem::Malformed => write!(
                f,
                "invalid duration '{}': write a whole number followed by m (minutes), h (hours) or d (days), such as 20m, 3h or 2d",
                self.value
            ),
            DurationProblem::TooLarge => write!(
                f,
                "invalid duration '{}': it is too large; the maximum is 36500d",
                self.value
            ),
        }
    }
}

impl std::error::Error for InvalidDuration {}

impl FromStr for Elapsed {
    type Err = InvalidDuration;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidDuration {
            value: value.to_string(),
            reason: DurationProblem::Malformed,
        };
        let trimmed = value.trim();
        let digits_end = trimmed
            .find(|c: char| !c.is_ascii_digit())
            .ok_or_else(invalid)?;
        let (number, unit) = trimmed.split_at(digits_end);
        if number.is_empty() {
            return Err(invalid());
        }
        // Only digits are left, so the parse fails only on overflow.
        let number: u64 = number.parse().map_err(|_| InvalidDuration {
            value: value.to_string(),
            reason: DurationProblem::TooLarge,
        })?;
        let minutes_per_unit = match unit.trim() {
            "m" | "min" | "mins" | "minute" | "minutes" => 1,
            "h" | "hr" | "hrs" | "hour" | "hours" => 60,
            "d" | "day" | "days" => 24 * 60,
            _ => return Err(invalid()),
        };
        let minutes = number
            .checked_mul(minutes_per_unit)
            .filter(|&minutes| minutes <= MAX_MINUTES)
            .ok_or_else(|| InvalidDuration {
                value: value.to_string(),
                reason: DurationProblem::TooLarge,
            })?;
        Ok(Elapsed { minutes })
    }
}

impl fmt::Display for Elapsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let minutes = self.minutes;
        if minutes != 0 && minutes.is_multiple_of(24 * 60) {
            write!(f, "{}d", minutes / (24 * 60))
        } else if minutes != 0 && minutes.is_multiple_of(60) {
            write!(f, "{}h", minutes / 60)
        } else {
            write!(f, "{minutes}m")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_unit() {
        assert_eq!("20m".parse::<Elapsed>().unwrap().minutes(), 20);
        assert_eq!("3h".parse::<Elapsed>().unwrap().minutes(), 180);
        assert_eq!("2d".parse::<Elapsed>().unwrap().minutes(), 2880);
        assert_eq!("90 minutes".parse::<Elapsed>().unwrap().minutes(), 90);
    }

    #[test]
    fn rejects_missing_or_unknown_unit() {
        for value in ["", "20", "h", "3w", "-1h", "1.5h", "99999999999999999999d"] {
            assert!(value.parse::<Elapsed>().is_err(), "{value:?} parsed");
        }
    }

    #[test]
    fn text_without_a_number_is_malformed() {
        for value in ["soon", "h", "-2h", "\u{ff13}h", " d"] {
            let error = value.parse::<Elapsed>().unwrap_err();
            assert_eq!(error.reason, DurationProblem::Malformed, "{value:?}");
        }
    }

    #[test]
    fn rejects_durations_past_a_century() {
        assert_eq!(
            "36500d".parse::<Elapsed>().unwrap().minutes(),
            36_500 * 24 * 60
        );
        let error = "36501d".parse::<Elapsed>().unwrap_err();
        assert_eq!(error.reason, DurationProblem::TooLarge);
        let error = "99999999999999999999d".parse::<Elapsed>().unwrap_err();
        assert_eq!(error.reason, DurationProblem::TooLarge);
    }

    #[test]
    fn displays_in_largest_whole_unit() {
        assert_eq!(Elapsed::from_minutes(2880).to_string(), "2d");
        assert_eq!(Elapsed::from_minutes(180).to_string(), "3h");
        assert_eq!(Elapsed::from_minutes(45).to_string(), "45m");
    }
}
