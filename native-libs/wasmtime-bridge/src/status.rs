//! Result codes, and the errors the engine raises into a call; failures and the last one's
//! message per thread are the shared boundary's (`orrery-ffi-boundary`).

use std::fmt;

pub const OK: i32 = 0;
/// The module trapped: unreachable, an out-of-bounds access, division by zero, stack exhausted.
pub const TRAP: i32 = 1;
/// The call was stopped by `orrery_wasmtime_engine_interrupt` with its flag set.
pub const INTERRUPTED: i32 = 2;
/// Linear memory would have grown past the instance's budget.
pub const MEMORY_BUDGET: i32 = 3;
/// The bytes are not a valid WebAssembly module (or use a feature the engine refuses).
pub const MALFORMED: i32 = 4;
/// The module imports something the host does not offer, or with another type.
pub const LINK: i32 = 5;
/// The instance has no export of that name, or not of the type asked for.
pub const NO_EXPORT: i32 = 6;
/// An argument was null, out of range or not UTF-8.
pub const INVALID: i32 = 7;
/// Compiled code made by another Wasmtime version, configuration or CPU.
pub const INCOMPATIBLE: i32 = 8;
/// The bridge panicked; the message says where.
pub const PANICKED: i32 = 9;

pub use orrery_ffi_boundary::{Failure, Outcome, copy_last_error, guarded};

/// This bridge's commonest failure: a bad argument.
pub fn invalid(message: impl Into<String>) -> Failure {
    Failure::new(INVALID, message)
}

/// Raised by the resource limiter when linear memory would grow past the budget.
#[derive(Debug)]
pub struct OverBudget {
    pub desired: usize,
    pub budget: usize,
}

impl fmt::Display for OverBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "linear memory grew to {} bytes, the budget is {}", self.desired, self.budget)
    }
}

impl std::error::Error for OverBudget {}

/// Raised by the epoch callback when the instance's interrupt flag is set.
#[derive(Debug)]
pub struct Interrupted;

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted by the host")
    }
}

impl std::error::Error for Interrupted {}
