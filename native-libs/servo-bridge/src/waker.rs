//! Wakes the engine thread when Servo has work for it, or when the host asks from another thread.
//! The engine thread sleeps in [`Wakeup::wait`] between spins instead of polling.

use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Duration;

use servo::EventLoopWaker;

/// A flag with a condition variable: set by any thread, awaited and cleared by the engine thread.
#[derive(Default)]
pub struct Wakeup {
    pending: Mutex<bool>,
    signal: Condvar,
}

impl Wakeup {
    /// The process's one wake-up (one Servo per process).
    pub fn shared() -> Arc<Wakeup> {
        static SHARED: OnceLock<Arc<Wakeup>> = OnceLock::new();
        SHARED.get_or_init(|| Arc::new(Wakeup::default())).clone()
    }

    pub fn wake(&self) {
        let mut pending = self.pending.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *pending = true;
        self.signal.notify_all();
    }

    /// Waits until woken or `timeout` passes; returns whether it was woken. Clears the flag.
    pub fn wait(&self, timeout: Duration) -> bool {
        let pending = self.pending.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (mut pending, _) = self
            .signal
            .wait_timeout_while(pending, timeout, |woken| !*woken)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let woken = *pending;
        *pending = false;
        woken
    }
}

/// Servo's side of the wake-up.
#[derive(Clone)]
pub struct ServoWaker(pub Arc<Wakeup>);

impl EventLoopWaker for ServoWaker {
    fn clone_box(&self) -> Box<dyn EventLoopWaker> {
        Box::new(self.clone())
    }

    fn wake(&self) {
        self.0.wake();
    }
}
