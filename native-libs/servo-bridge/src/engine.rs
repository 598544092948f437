//! The one Servo of the process, owned by the thread that started it (Servo's embedding API is
//! single-threaded), and its views.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use servo::{
    InputEvent, JSValue, JavaScriptEvaluationError, LoadStatus, Preferences, Servo, ServoBuilder,
    UserContentManager,
};

use crate::status::{ENGINE_STATE, Failure, Outcome, SCRIPT_ERROR, Shorthands, TIMED_OUT, WRONG_THREAD};
use crate::view::View;
use crate::waker::{ServoWaker, Wakeup};

/// Set once Servo has been started in this process; Servo cannot be started twice.
static STARTED: AtomicBool = AtomicBool::new(false);

thread_local! {
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

pub struct Engine {
    servo: Servo,
    page_api: Rc<UserContentManager>,
    wakeup: Arc<Wakeup>,
    views: HashMap<u64, View>,
    next_view: u64,
}

/// Starts Servo on the calling thread, which becomes the engine thread.
pub fn start() -> Outcome<()> {
    if STARTED.swap(true, Ordering::SeqCst) {
        return Err(Failure::new(
            ENGINE_STATE,
            "Servo is already running in this process (one Servo per process)",
        ));
    }
    let wakeup = Wakeup::shared();
    let mut preferences = Preferences::default();
    // Panels are local pages; nothing should go through a proxy the environment names.
    preferences.network_http_proxy_uri = String::new();
    preferences.network_https_proxy_uri = String::new();
    let servo = ServoBuilder::default()
        .preferences(preferences)
        .event_loop_waker(Box::new(ServoWaker(wakeup.clone())))
        .build();
    // Servo's own log to stderr: errors only, unless RUST_LOG asks for more.
    servo.setup_logging();
    ENGINE.with(|engine| {
        let page_api = View::page_api(&servo);
        *engine.borrow_mut() = Some(Engine { servo, page_api, wakeup, views: HashMap::new(), next_view: 1 });
    });
    Ok(())
}

/// Shuts Servo down on the engine thread: its views closed, then Servo itself, which waits for
/// its threads (script, layout, network) to finish. SpiderMonkey's static destructors, which run
/// when the process exits, must not find it running. Servo cannot be started again afterwards.
pub fn shut_down() -> Outcome<()> {
    let engine = ENGINE.with(|engine| engine.borrow_mut().take());
    match engine {
        Some(mut engine) => {
            engine.views.clear();
            drop(engine);
            Ok(())
        },
        None if STARTED.load(Ordering::SeqCst) => Err(Failure::new(
            WRONG_THREAD,
            "called from a thread other than the engine thread, or Servo is already shut down",
        )),
        None => Err(Failure::new(ENGINE_STATE, "Servo is not started")),
    }
}

/// Runs `action` with the engine, if this thread is the engine thread.
pub fn with<T>(action: impl FnOnce(&mut Engine) -> Outcome<T>) -> Outcome<T> {
    ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        match engine.as_mut() {
            Some(engine) => action(engine),
            None if STARTED.load(Ordering::SeqCst) => Err(Failure::new(
                WRONG_THREAD,
                "called from a thread other than the engine thread (the one that called orrery_servo_init)",
            )),
            None => Err(Failure::new(ENGINE_STATE, "Servo is not started: call orrery_servo_init first")),
        }
    })
}

impl Engine {
    pub fn create_view(&mut self, width: u32, height: u32) -> Outcome<u64> {
        let view = View::new(&self.servo, &self.page_api, width, height)?;
        let id = self.next_view;
        self.next_view += 1;
        self.views.insert(id, view);
        Ok(id)
    }

    pub fn view(&mut self, id: u64) -> Outcome<&mut View> {
        self.views
            .get_mut(&id)
            .ok_or_else(|| Failure::invalid(format!("no view {id} (destroyed, or never created)")))
    }

    pub fn destroy_view(&mut self, id: u64) -> Outcome<()> {
        self.views
            .remove(&id)
            .map(drop)
            .ok_or_else(|| Failure::invalid(format!("no view {id} (destroyed, or never created)")))
    }

    pub fn spin(&self) {
        self.servo.spin_event_loop();
    }

    /// Sleeps until Servo or another thread asks for a spin, or `timeout` passes.
    pub fn wait(&self, timeout: Duration) -> bool {
        self.wakeup.wait(timeout)
    }

    pub fn input(&mut self, id: u64, event: InputEvent) -> Outcome<()> {
        self.view(id)?.webview.notify_input_event(event);
        Ok(())
    }

    /// Runs `script` in the view's page and waits for its value, spinning the event loop, for at
    /// most `timeout`. A page still loading is waited for within the same time.
    pub fn evaluate(&mut self, id: u64, script: &str, timeout: Duration) -> Outcome<JSValue> {
        let deadline = Instant::now() + timeout;
        let webview = self.view(id)?.webview.clone();
        while webview.load_status() != LoadStatus::Complete {
            self.spin_until(deadline, "the page to load")?;
        }
        let result: Rc<RefCell<Option<Result<JSValue, JavaScriptEvaluationError>>>> = Rc::default();
        let slot = result.clone();
        webview.evaluate_javascript(script, move |value| *slot.borrow_mut() = Some(value));
        while result.borrow().is_none() {
            self.spin_until(deadline, "the script to finish")?;
        }
        let value = result.borrow_mut().take();
        match value {
            Some(Ok(value)) => Ok(value),
            Some(Err(error)) => Err(Failure::new(SCRIPT_ERROR, describe_script_error(&error))),
            None => unreachable!("waited for a value"),
        }
    }

    fn spin_until(&self, deadline: Instant, what: &str) -> Outcome<()> {
        let now = Instant::now();
        if now >= deadline {
            return Err(Failure::new(TIMED_OUT, format!("timed out waiting for {what}")));
        }
        self.spin();
        self.wait((deadline - now).min(Duration::from_millis(5)));
        Ok(())
    }
}

fn describe_script_error(error: &JavaScriptEvaluationError) -> String {
    match error {
        JavaScriptEvaluationError::EvaluationFailure(Some(info)) => {
            format!("script threw: {info:?}")
        },
        other => format!("script failed: {other:?}"),
    }
}
