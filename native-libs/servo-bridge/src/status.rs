//! Result codes of the C ABI; failures and the last one's message per thread are the shared
//! boundary's (`orrery-ffi-boundary`).

/// Success.
pub const OK: i32 = 0;
/// An argument was wrong: a null pointer, a zero size, text that is not UTF-8, an unknown view.
pub const INVALID_ARGUMENT: i32 = -1;
/// The call came from a thread other than the engine's (the one that called `orrery_servo_init`).
pub const WRONG_THREAD: i32 = -2;
/// `orrery_servo_init` was not called, or Servo is already running in this process.
pub const ENGINE_STATE: i32 = -3;
/// Servo could not do what was asked (no rendering context, a load it refused, a failed read).
pub const FAILED: i32 = -4;
/// A script did not finish in the time given.
pub const TIMED_OUT: i32 = -5;
/// The page's script threw, or could not be compiled.
pub const SCRIPT_ERROR: i32 = -6;
/// A Rust panic was caught at the boundary; the engine may be unusable afterwards.
pub const PANICKED: i32 = -7;

pub use orrery_ffi_boundary::{Failure, Outcome, copy_last_error, guarded};

/// This bridge's shorthands for its commonest failures (`Failure::invalid(...)` with it in scope).
pub trait Shorthands {
    fn invalid(message: impl Into<String>) -> Self;
    fn failed(message: impl Into<String>) -> Self;
}

impl Shorthands for Failure {
    fn invalid(message: impl Into<String>) -> Self {
        Failure::new(INVALID_ARGUMENT, message)
    }

    fn failed(message: impl Into<String>) -> Self {
        Failure::new(FAILED, message)
    }
}
