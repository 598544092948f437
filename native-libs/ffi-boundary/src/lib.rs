//! What both of Orrery's native bridges (Servo, Wasmtime) do at their C boundary: a failure is a
//! code and a message, the message kept per calling thread for the bridge's `last_error` entry
//! point, and every entry point runs under `catch_unwind`, so that no Rust panic unwinds into the
//! JVM. Each bridge has its own codes.

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A failed call: its code (the bridge's) and a message for a person.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        Failure { code, message: message.into() }
    }
}

pub type Outcome<T> = Result<T, Failure>;

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Keeps `failure`'s message as the calling thread's last.
pub fn remember(failure: &Failure) {
    LAST_ERROR.with(|last| {
        let mut last = last.borrow_mut();
        last.clear();
        last.push_str(&failure.message);
    });
}

/// Copies the calling thread's last message (UTF-8, no terminator) into `buffer`, as much as fits,
/// and returns its whole length in bytes.
pub fn copy_last_error(buffer: &mut [u8]) -> usize {
    LAST_ERROR.with(|last| {
        let last = last.borrow();
        let bytes = last.as_bytes();
        let n = bytes.len().min(buffer.len());
        buffer[..n].copy_from_slice(&bytes[..n]);
        bytes.len()
    })
}

/// Runs an entry point's `body`: its code, or a failure's code with the message remembered; a
/// panic becomes `panicked`, with "`bridge` panicked: " and the panic's message.
pub fn guarded(panicked: i32, bridge: &str, body: impl FnOnce() -> Outcome<i32>) -> i32 {
    let outcome = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Err(Failure::new(panicked, format!("{bridge} panicked: {message}")))
    });
    match outcome {
        Ok(code) => code,
        Err(failure) => {
            remember(&failure);
            failure.code
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_leaves_its_message_and_a_panic_its_own() {
        assert_eq!(guarded(-9, "test bridge", || Err(Failure::new(-2, "no such view"))), -2);
        let mut buffer = [0u8; 64];
        let n = copy_last_error(&mut buffer);
        assert_eq!(&buffer[..n], b"no such view");
        assert_eq!(guarded(-9, "test bridge", || panic!("boom")), -9);
        let n = copy_last_error(&mut buffer);
        assert_eq!(&buffer[..n], b"test bridge panicked: boom");
        assert_eq!(guarded(-9, "test bridge", || Ok(5)), 5);
        let mut small = [0u8; 4];
        assert_eq!(copy_last_error(&mut small), 26, "the whole length, though only 4 bytes fit");
        assert_eq!(&small, b"test");
    }
}
