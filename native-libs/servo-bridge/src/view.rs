//! One web view: a Servo `WebView` over its own software rendering context, and what its
//! delegate has heard (new frames, load progress, console errors, a crash).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt::Write as _;
use std::rc::Rc;
use std::time::{Duration, Instant};

use dpi::PhysicalSize;
use gleam::gl;
use servo::{
    ConsoleLogLevel, LoadStatus, RenderingContext, Servo, SoftwareRenderingContext, UserContentManager,
    UserScript, WebView, WebViewBuilder, WebViewDelegate,
};

use crate::pacing::PacedContext;
use crate::status::{Failure, Outcome, Shorthands};

/// The page API every page gets before its own scripts (see `page_api.js`).
const PAGE_API: &str = include_str!("page_api.js");
/// What the page API logs when a document has loaded, followed by its URL.
const LOADED_SIGNAL: &str = "\u{1}orrery:loaded ";
/// What the page API logs when its handlers have had the values last posted.
const FRAME_SIGNAL: &str = "\u{1}orrery:frame";
/// Console messages kept for the host to read; older ones are dropped.
const MAX_MESSAGES: usize = 64;
/// GL_BGRA: the byte order of JavaFX's INT_ARGB_PRE pixels on a little-endian machine.
const GL_BGRA: gl::GLenum = 0x80E1;

/// Load progress, as the ABI numbers it.
pub fn load_status_code(status: LoadStatus) -> i32 {
    match status {
        LoadStatus::Started => 1,
        LoadStatus::HeadParsed => 2,
        LoadStatus::Complete => 3,
    }
}

/// What Servo told the view, read and cleared by the host through the engine.
#[derive(Default)]
pub struct ViewEvents {
    pub new_frame: Cell<bool>,
    pub load_status: Cell<i32>,
    /// Set by a load until the page API reports that the requested document has loaded: Servo's
    /// own load progress and URL changes reach the embedder by different routes, in no fixed
    /// order, and cannot say which document they are about. A navigation Servo refuses (a
    /// top-level data: URL) leaves the view on its old page, never "loaded".
    pub awaiting_load: Cell<bool>,
    /// The URL the last load asked for.
    pub loading_url: RefCell<Option<url::Url>>,
    /// Whether Servo has made the view's browsing context: its constellation reports the first
    /// URL (about:blank) only once the context exists; the first document's load progress comes
    /// from its script thread and may come before. A load asked for before then would be dropped
    /// by Servo ("LoadUrl for unknown browsing context"), so it waits here, with when it was asked.
    pub context_ready: Cell<bool>,
    pub deferred_load: RefCell<Option<(url::Url, Instant)>>,
    pub crash: RefCell<Option<String>>,
    /// Since when the page has had values it has not yet handed to its handlers: from a post until
    /// the page API says the handlers ran (they run in an animation frame, after the post's
    /// script has returned), so a page stuck in a handler counts as busy.
    pub frame_in_flight: Cell<Option<Instant>>,
    pub messages: RefCell<VecDeque<(i32, String)>>,
    pub errors_seen: Cell<u64>,
}

impl ViewEvents {
    fn context_is_ready(&self, webview: &WebView) {
        if !self.context_ready.replace(true) {
            if let Some((url, _)) = self.deferred_load.borrow_mut().take() {
                webview.load(url);
            }
        }
    }

    /// A load still waiting for the context after this long goes anyway (a context whose first
    /// URL was never reported would otherwise never load).
    pub fn send_overdue_load(&self, webview: &WebView) {
        const OVERDUE: Duration = Duration::from_secs(2);
        let overdue = matches!(&*self.deferred_load.borrow(), Some((_, asked)) if asked.elapsed() > OVERDUE);
        if overdue {
            log::warn!("a view's browsing context was not reported within {OVERDUE:?}; loading anyway");
            self.context_is_ready(webview);
        }
    }

    fn push_message(&self, level: i32, message: String) {
        let mut messages = self.messages.borrow_mut();
        if messages.len() == MAX_MESSAGES {
            messages.pop_front();
        }
        messages.push_back((level, message));
    }
}

struct Delegate(Rc<ViewEvents>);

impl WebViewDelegate for Delegate {
    fn notify_new_frame_ready(&self, _webview: WebView) {
        self.0.new_frame.set(true);
    }

    fn notify_url_changed(&self, webview: WebView, _url: url::Url) {
        self.0.context_is_ready(&webview);
    }

    fn notify_load_status_changed(&self, _webview: WebView, status: LoadStatus) {
        if !self.0.awaiting_load.get() {
            self.0.load_status.set(load_status_code(status));
        }
    }

    fn show_console_message(&self, _webview: WebView, level: ConsoleLogLevel, message: String) {
        if message == FRAME_SIGNAL {
            self.0.frame_in_flight.set(None);
            return;
        }
        if let Some(url) = message.strip_prefix(LOADED_SIGNAL) {
            // Values posted to the document before are gone with it.
            self.0.frame_in_flight.set(None);
            let wanted = self.0.loading_url.borrow().as_ref().is_none_or(|wanted| wanted.as_str() == url);
            if wanted && self.0.awaiting_load.get() {
                self.0.awaiting_load.set(false);
                self.0.load_status.set(load_status_code(LoadStatus::Complete));
            }
            return;
        }
        let level = match level {
            ConsoleLogLevel::Error => {
                self.0.errors_seen.set(self.0.errors_seen.get() + 1);
                3
            },
            ConsoleLogLevel::Warn => 2,
            _ => 1,
        };
        self.0.push_message(level, message);
    }

    fn notify_crashed(&self, _webview: WebView, reason: String, backtrace: Option<String>) {
        let mut text = reason;
        if let Some(backtrace) = backtrace {
            text.push('\n');
            text.push_str(&backtrace);
        }
        self.0.push_message(3, format!("page crashed: {text}"));
        *self.0.crash.borrow_mut() = Some(text);
    }
}

pub struct View {
    pub webview: WebView,
    context: Rc<SoftwareRenderingContext>,
    pub events: Rc<ViewEvents>,
    /// The script that hands a frame's values to the page, rebuilt in place each frame.
    frame_script: String,
    row: Vec<u8>,
}

impl View {
    /// The page API, for every view's pages; made once per engine and shared by its views.
    pub fn page_api(servo: &Servo) -> Rc<UserContentManager> {
        let content = Rc::new(UserContentManager::new(servo));
        content.add_script(Rc::new(UserScript::new(PAGE_API.to_owned(), None)));
        content
    }

    pub fn new(servo: &Servo, page_api: &Rc<UserContentManager>, width: u32, height: u32) -> Outcome<View> {
        let size = PhysicalSize::new(width, height);
        let context = SoftwareRenderingContext::new(size)
            .map_err(|error| Failure::failed(format!("no software rendering context: {error:?}")))?;
        let context = Rc::new(context);
        context
            .make_current()
            .map_err(|error| Failure::failed(format!("rendering context not current: {error:?}")))?;
        let events = Rc::new(ViewEvents::default());
        let webview = WebViewBuilder::new(servo, Rc::new(PacedContext::new(context.clone())))
            .delegate(Rc::new(Delegate(events.clone())))
            .user_content_manager(page_api.clone())
            .build();
        Ok(View {
            webview,
            context,
            events,
            frame_script: String::new(),
            row: Vec::new(),
        })
    }

    /// Starts loading `url`; the view's load status reads "none" until the new document's own.
    pub fn load(&self, url: url::Url) {
        self.events.load_status.set(0);
        self.events.awaiting_load.set(true);
        *self.events.loading_url.borrow_mut() = Some(url.clone());
        if self.events.context_ready.get() {
            self.webview.load(url);
        } else {
            *self.events.deferred_load.borrow_mut() = Some((url, Instant::now()));
        }
    }

    pub fn size(&self) -> (u32, u32) {
        let size = self.context.size();
        (size.width, size.height)
    }

    /// Servo resizes the rendering context itself, and tells the page only if the context's size
    /// changed: the context must not be resized here first.
    pub fn resize(&self, width: u32, height: u32) {
        self.webview.resize(PhysicalSize::new(width, height));
    }

    /// Paints the page and reads it into `pixels`: `width * height` premultiplied pixels, four
    /// bytes each in B, G, R, A order (JavaFX's INT_ARGB_PRE on little-endian), top row first.
    pub fn paint_into(&mut self, pixels: &mut [u8]) -> Outcome<()> {
        let (width, height) = self.size();
        let stride = width as usize * 4;
        if pixels.len() != stride * height as usize {
            return Err(Failure::invalid(format!(
                "pixel buffer has {} bytes; the view is {width} x {height} and needs {}",
                pixels.len(),
                stride * height as usize
            )));
        }
        self.events.new_frame.set(false);
        self.webview.paint();
        self.context
            .make_current()
            .map_err(|error| Failure::failed(format!("rendering context not current: {error:?}")))?;
        self.context.prepare_for_rendering();
        let gl = self.context.gleam_gl_api();
        gl.bind_vertex_array(0);
        gl.pixel_store_i(gl::PACK_ALIGNMENT, 4);
        gl.read_pixels_into_buffer(0, 0, width as i32, height as i32, GL_BGRA, gl::UNSIGNED_BYTE, pixels);
        if gl.get_error() != gl::NO_ERROR {
            // A context without BGRA read-back: read RGBA and swap red and blue here.
            gl.read_pixels_into_buffer(0, 0, width as i32, height as i32, gl::RGBA, gl::UNSIGNED_BYTE, pixels);
            let error = gl.get_error();
            if error != gl::NO_ERROR {
                return Err(Failure::failed(format!("reading the frame failed: GL error 0x{error:x}")));
            }
            for pixel in pixels.chunks_exact_mut(4) {
                pixel.swap(0, 2);
            }
        }
        flip_rows(pixels, stride, &mut self.row);
        self.context.present();
        Ok(())
    }

    /// Hands one frame's values to the page (`orrery._frame`), unless its handlers have not had
    /// the last frame's yet: then this frame is skipped and `false` returned, so a busy page never
    /// queues frames.
    pub fn post_frame(&mut self, values: &[f64]) -> bool {
        if self.events.frame_in_flight.get().is_some() {
            return false;
        }
        self.frame_script.clear();
        self.frame_script.push_str("orrery._frame(new Float64Array([");
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self.frame_script.push(',');
            }
            push_js_number(&mut self.frame_script, *value);
        }
        self.frame_script.push_str("]))");
        self.events.frame_in_flight.set(Some(Instant::now()));
        let events = self.events.clone();
        self.webview.evaluate_javascript(&self.frame_script, move |result| {
            // A page without the page API never signals; its frame is over when the script is.
            if result.is_err() {
                events.frame_in_flight.set(None);
            }
        });
        true
    }
}

/// Writes `value` as a JavaScript number literal (Rust's `inf` and `NaN` are not JavaScript).
pub fn push_js_number(out: &mut String, value: f64) {
    if value.is_nan() {
        out.push_str("NaN");
    } else if value.is_infinite() {
        out.push_str(if value > 0.0 { "Infinity" } else { "-Infinity" });
    } else {
        // The shortest text that reads back as the same double.
        let _ = write!(out, "{value:e}");
    }
}

/// OpenGL's rows run bottom to top; the host's run top to bottom.
fn flip_rows(pixels: &mut [u8], stride: usize, row: &mut Vec<u8>) {
    let rows = pixels.len() / stride;
    row.resize(stride, 0);
    for top in 0..rows / 2 {
        let bottom = rows - 1 - top;
        let (upper, lower) = pixels.split_at_mut(bottom * stride);
        let upper = &mut upper[top * stride..(top + 1) * stride];
        let lower = &mut lower[..stride];
        row.copy_from_slice(upper);
        upper.copy_from_slice(lower);
        lower.copy_from_slice(row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_javascript_literals() {
        let mut out = String::new();
        for value in [0.1, -2.5, 1e300, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0] {
            push_js_number(&mut out, value);
            out.push(' ');
        }
        assert_eq!(out, "1e-1 -2.5e0 1e300 NaN Infinity -Infinity 0e0 ");
    }

    #[test]
    fn rows_are_flipped() {
        let mut pixels: Vec<u8> = (0..12).collect();
        let mut row = Vec::new();
        flip_rows(&mut pixels, 4, &mut row);
        assert_eq!(pixels, vec![8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3]);
    }
}
