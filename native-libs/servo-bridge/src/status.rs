//! Result codes of the C ABI and the message of the last failure, kept per calling thread.

use std::cell::RefCell;
use std::ffi::c_char;

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

/// A failure: its code and a message for a person.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        Failure { code, message: message.into() }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Failure::new(INVALID_ARGUMENT, message)
    }

    pub fn failed(message: impl Into<String>) -> Self {
        Failure::new(FAILED, message)
    }
}

pub type Outcome<T> = Result<T, Failure>;

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

pub fn remember(failure: &Failure) {
    LAST_ERROR.with(|last| {
        let mut last = last.borrow_mut();
        last.clear();
        last.push_str(&failure.message);
    });
}

/// Copies the last failure's message (UTF-8, no terminator) into `buffer` and returns its full
/// length in bytes, which may exceed `capacity`: then only the first `capacity` bytes are copied.
///
/// # Safety
/// `buffer` must be null or point to `capacity` writable bytes.
pub unsafe fn copy_last_error(buffer: *mut c_char, capacity: usize) -> usize {
    LAST_ERROR.with(|last| {
        let last = last.borrow();
        let bytes = last.as_bytes();
        if !buffer.is_null() {
            let n = bytes.len().min(capacity);
            // SAFETY: the caller gives `capacity` writable bytes at `buffer`; n <= capacity.
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer.cast::<u8>(), n) };
        }
        bytes.len()
    })
}
