//! `when` conditions: the situations a rule is for.

use crate::context::Context;
use crate::duration::Elapsed;

/// An inclusive range with either end open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bounds<T> {
    pub min: Option<T>,
    pub max: Option<T>,
}

impl<T: PartialOrd> Bounds<T> {
    pub fn contains(&self, value: &T) -> bool {
        self.min.as_ref().is_none_or(|min| value >= min)
            && self.max.as_ref().is_none_or(|max| value <= max)
    }
}

/// Conditions on the context; all of them must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Conditions {
    pub missed_calls: Option<Bounds<u32>>,
    /// A rule with this condition never applies when the time since the
    /// call is unknown.
    pub elapsed: Option<Bounds<Elapsed>>,
}

impl Conditions {
    pub fn hold(&self, context: &Context) -> bool {
        let calls_fit = self
            .missed_calls
            .is_none_or(|bounds| bounds.contains(&context.missed_calls));
        let elapsed_fits = match (&self.elapsed, context.elapsed) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(bounds), Some(elapsed)) => bounds.contains(&elapsed),
        };
        calls_fit && elapsed_fits
    }
}
