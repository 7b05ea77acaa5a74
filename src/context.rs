//! The situation a draft is linted for: who it goes to, how many calls were
//! missed and how long ago.

use crate::audience::Audience;
use crate::duration::Elapsed;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    pub audience: Audience,
    /// Calls missed from this person before the reply; 1 unless given.
    pub missed_calls: u32,
    /// Time since the (last) missed call, when known.
    pub elapsed: Option<Elapsed>,
}
