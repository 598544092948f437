//! When Servo may start a view's next frame. Servo's default paces an animating view with a timer:
//! after a frame, the next may start 8.3 ms later, whatever asked for it. The page API runs its
//! handlers in an animation frame, once per frame the host posts, so that timer would add up to
//! 8.3 ms to every panel update. Here a frame may start at once when the last started at least
//! a period ago, and otherwise when the period is up: the same cap on a page that animates on its
//! own, without the wait for a page the host paces.

use std::rc::Rc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use dpi::PhysicalSize;
use servo::{DeviceIntRect, RefreshDriver, RenderingContext, RgbaImage, SoftwareRenderingContext};

/// The shortest time between two frame starts (Servo's default rate, 120 a second).
const PERIOD: Duration = Duration::from_nanos(1_000_000_000 / 120);

type FrameStart = Box<dyn Fn() + Send + 'static>;

#[derive(Default)]
struct Pending {
    last_start: Option<Instant>,
    waiting: Vec<FrameStart>,
    quit: bool,
}

/// Starts Servo's frames for one view: at once when it can, else on its own thread when the
/// period is up.
pub struct FramePacer {
    pending: Arc<(Mutex<Pending>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl FramePacer {
    pub fn new() -> FramePacer {
        let pending = Arc::new((Mutex::new(Pending::default()), Condvar::new()));
        let shared = pending.clone();
        let thread = std::thread::Builder::new()
            .name("servo-frame-pacer".into())
            .spawn(move || start_when_due(&shared))
            .expect("cannot start the frame pacer's thread");
        FramePacer { pending, thread: Some(thread) }
    }
}

fn start_when_due(pending: &(Mutex<Pending>, Condvar)) {
    let (lock, wake) = pending;
    let mut state = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    while !state.quit {
        if state.waiting.is_empty() {
            state = wake.wait(state).unwrap_or_else(|poisoned| poisoned.into_inner());
            continue;
        }
        let due = state.last_start.map_or_else(Instant::now, |last| last + PERIOD);
        let now = Instant::now();
        if now < due {
            state = wake.wait_timeout(state, due - now).unwrap_or_else(|poisoned| poisoned.into_inner()).0;
            continue;
        }
        state.last_start = Some(now);
        let starts = std::mem::take(&mut state.waiting);
        drop(state);
        for start in starts {
            start();
        }
        state = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    }
}

impl RefreshDriver for FramePacer {
    fn observe_next_frame(&self, start_frame: FrameStart) {
        let (lock, wake) = &*self.pending;
        let mut state = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        if state.waiting.is_empty() && state.last_start.is_none_or(|last| now - last >= PERIOD) {
            state.last_start = Some(now);
            drop(state);
            // Only sets Servo's flag and wakes its loop: safe to call from here.
            start_frame();
            return;
        }
        state.waiting.push(start_frame);
        wake.notify_one();
    }
}

impl Drop for FramePacer {
    fn drop(&mut self) {
        let (lock, wake) = &*self.pending;
        lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).quit = true;
        wake.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A software rendering context whose frames the [`FramePacer`] starts; everything else is the
/// software context's.
pub struct PacedContext {
    pub inner: Rc<SoftwareRenderingContext>,
    pacer: Rc<FramePacer>,
}

impl PacedContext {
    pub fn new(inner: Rc<SoftwareRenderingContext>) -> PacedContext {
        PacedContext { inner, pacer: Rc::new(FramePacer::new()) }
    }
}

impl RenderingContext for PacedContext {
    fn prepare_for_rendering(&self) {
        self.inner.prepare_for_rendering()
    }

    fn read_to_image(&self, source_rectangle: DeviceIntRect) -> Option<RgbaImage> {
        self.inner.read_to_image(source_rectangle)
    }

    fn size(&self) -> PhysicalSize<u32> {
        self.inner.size()
    }

    fn resize(&self, size: PhysicalSize<u32>) {
        self.inner.resize(size)
    }

    fn present(&self) {
        self.inner.present()
    }

    fn make_current(&self) -> Result<(), surfman::Error> {
        self.inner.make_current()
    }

    fn gleam_gl_api(&self) -> Rc<dyn gleam::gl::Gl> {
        self.inner.gleam_gl_api()
    }

    fn glow_gl_api(&self) -> Arc<glow::Context> {
        self.inner.glow_gl_api()
    }

    fn create_texture(
        &self,
        surface: surfman::Surface,
    ) -> Option<(surfman::SurfaceTexture, u32, euclid::default::Size2D<i32>)> {
        self.inner.create_texture(surface)
    }

    fn destroy_texture(&self, surface_texture: surfman::SurfaceTexture) -> Option<surfman::Surface> {
        self.inner.destroy_texture(surface_texture)
    }

    fn connection(&self) -> Option<surfman::Connection> {
        self.inner.connection()
    }

    fn refresh_driver(&self) -> Option<Rc<dyn RefreshDriver>> {
        Some(self.pacer.clone())
    }
}
