//! The entities on real databases: every entity round-trips, and the hand-written behaviour
//! (ids, timestamps, finders) works on both backends.

mod behavior;
mod copy;
mod json;
mod round_trip;
