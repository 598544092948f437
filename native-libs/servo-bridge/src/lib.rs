//! Orrery's C ABI over the Servo web engine (`include/orrery_servo.h` documents each call).
//!
//! Every entry point catches Rust panics and turns them into `ORRERY_SERVO_PANICKED` with the
//! panic's message: nothing unwinds into the JVM. All calls but `orrery_servo_wake`,
//! `orrery_servo_abi_version` and `orrery_servo_last_error` must come from the engine thread.

mod engine;
mod json;
mod pacing;
mod status;
mod view;
mod waker;

use std::ffi::{CStr, c_char};
use std::panic::catch_unwind;
use std::str::FromStr;
use std::time::Duration;

use servo::{
    Code, InputEvent, Key, KeyState, KeyboardEvent, Location, Modifiers, MouseButton,
    MouseButtonAction, MouseButtonEvent, MouseMoveEvent, Scroll, WheelDelta, WheelEvent,
    WheelMode,
};
use servo::{DevicePoint, DeviceVector2D};

use crate::status::{Failure, OK, Outcome, PANICKED, Shorthands};
use crate::waker::Wakeup;

/// The version of this ABI; the Java side refuses a library of another.
pub const ABI_VERSION: i32 = 1;

/// A view's state, as `orrery_servo_view_poll` fills it (see the header).
#[repr(C)]
pub struct ViewState {
    pub width: i32,
    pub height: i32,
    pub load_status: i32,
    pub new_frame: i32,
    pub crashed: i32,
    pub messages: i32,
    pub errors_seen: i64,
    pub frame_in_flight_nanos: i64,
}

/// Runs `body`, records a failure's message for `orrery_servo_last_error`, and returns the code.
fn call(body: impl FnOnce() -> Outcome<i32>) -> i32 {
    status::guarded(PANICKED, "Servo bridge", body)
}

/// # Safety
/// `text` must be null or a NUL-terminated string.
unsafe fn utf8<'a>(text: *const c_char, what: &str) -> Outcome<&'a str> {
    if text.is_null() {
        return Err(Failure::invalid(format!("{what} is null")));
    }
    // SAFETY: non-null and NUL-terminated, as the caller promises.
    unsafe { CStr::from_ptr(text) }
        .to_str()
        .map_err(|_| Failure::invalid(format!("{what} is not UTF-8")))
}

fn size(width: i32, height: i32) -> Outcome<(u32, u32)> {
    const MAX_SIDE: i32 = 16384;
    if width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(Failure::invalid(format!(
            "view size {width} x {height} is outside 1 x 1 to {MAX_SIDE} x {MAX_SIDE}"
        )));
    }
    Ok((width as u32, height as u32))
}

#[unsafe(no_mangle)]
pub extern "C" fn orrery_servo_abi_version() -> i32 {
    ABI_VERSION
}

/// # Safety
/// `buffer` must be null or point to `capacity` writable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_servo_last_error(buffer: *mut c_char, capacity: usize) -> usize {
    // SAFETY: passed on from the caller.
    catch_unwind(|| {
        let target: &mut [u8] = if buffer.is_null() {
            &mut []
        } else {
            // SAFETY: the caller gives `capacity` writable bytes at `buffer`.
            unsafe { std::slice::from_raw_parts_mut(buffer.cast::<u8>(), capacity) }
        };
        status::copy_last_error(target)
    })
    .unwrap_or(0)
}

#[unsafe(no_mangle)]
pub extern "C" fn orrery_servo_init() -> i32 {
    call(|| engine::start().map(|_| OK))
}

#[unsafe(no_mangle)]
pub extern "C" fn orrery_servo_shutdown() -> i32 {
    call(|| engine::shut_down().map(|_| OK))
}

#[unsafe(no_mangle)]
pub extern "C" fn orrery_servo_wake() {
    let _ = catch_unwind(|| Wakeup::shared().wake());
}

#[unsafe(no_mangle)]
pub extern "C" fn orrery_servo_spin() -> i32 {
    call(|| engine::with(|engine| {
        engine.spin();
        Ok(OK)
    }))
}

#[unsafe(no_mangle)]
pub extern "C" fn orrery_servo_wait(timeout_millis: i32) -> i32 {
    call(|| engine::with(|engine| {
        let timeout = Duration::from_millis(timeout_millis.max(0) as u64);
        Ok(engine.wait(timeout) as i32)
    }))
}

/// # Safety
/// `out_view` must point to a writable `uint64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_servo_view_create(width: i32, height: i32, out_view: *mut u64) -> i32 {
    call(|| {
        if out_view.is_null() {
            return Err(Failure::invalid("out_view is null"));
        }
        let (width, height) = size(width, height)?;
        let id = engine::with(|engine| engine.create_view(width, height))?;
        // SAFETY: non-null, writable, as the caller promises.
        unsafe { *out_view = id };
        Ok(OK)
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn orrery_servo_view_destroy(view: u64) -> i32 {
    call(|| engine::with(|engine| engine.destroy_view(view).map(|_| OK)))
}

/// # Safety
/// `url` must be a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_servo_view_load_url(view: u64, url: *const c_char) -> i32 {
    call(|| {
        // SAFETY: passed on from the caller.
        let text = unsafe { utf8(url, "url") }?;
        let url = url::Url::parse(text).map_err(|error| Failure::invalid(format!("bad URL {text:?}: {error}")))?;
        engine::with(|engine| {
            engine.view(view)?.load(url);
            Ok(OK)
        })
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn orrery_servo_view_resize(view: u64, width: i32, height: i32) -> i32 {
    call(|| {
        let (width, height) = size(width, height)?;
        engine::with(|engine| {
            engine.view(view)?.resize(width, height);
            Ok(OK)
        })
    })
}

/// # Safety
/// `out` must point to a writable `orrery_servo_view_state`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_servo_view_poll(view: u64, out: *mut ViewState) -> i32 {
    call(|| {
        if out.is_null() {
            return Err(Failure::invalid("out is null"));
        }
        engine::with(|engine| {
            let view = engine.view(view)?;
            view.events.send_overdue_load(&view.webview);
            let (width, height) = view.size();
            let events = &view.events;
            let state = ViewState {
                width: width as i32,
                height: height as i32,
                load_status: events.load_status.get(),
                new_frame: events.new_frame.get() as i32,
                crashed: events.crash.borrow().is_some() as i32,
                messages: events.messages.borrow().len() as i32,
                errors_seen: events.errors_seen.get() as i64,
                frame_in_flight_nanos: events
                    .frame_in_flight
                    .get()
                    .map_or(-1, |since| since.elapsed().as_nanos().min(i64::MAX as u128) as i64),
            };
            // SAFETY: non-null, writable, as the caller promises.
            unsafe { out.write(state) };
            Ok(OK)
        })
    })
}

/// # Safety
/// `buffer` must be null or point to `capacity` writable bytes; `out_level` and `out_length` must
/// point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_servo_view_next_message(
    view: u64,
    buffer: *mut c_char,
    capacity: usize,
    out_level: *mut i32,
    out_length: *mut usize,
) -> i32 {
    call(|| {
        if out_level.is_null() || out_length.is_null() {
            return Err(Failure::invalid("out_level or out_length is null"));
        }
        engine::with(|engine| {
            let view = engine.view(view)?;
            let Some((level, message)) = view.events.messages.borrow_mut().pop_front() else {
                return Ok(0);
            };
            // SAFETY: the caller's pointers, as promised.
            unsafe { copy_text(&message, buffer, capacity, out_length) };
            unsafe { *out_level = level };
            Ok(1)
        })
    })
}

/// # Safety
/// `pixels` must point to `length` writable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_servo_view_paint(view: u64, pixels: *mut u8, length: usize) -> i32 {
    call(|| {
        if pixels.is_null() {
            return Err(Failure::invalid("pixels is null"));
        }
        // SAFETY: `length` writable bytes at `pixels`, as the caller promises.
        let pixels = unsafe { std::slice::from_raw_parts_mut(pixels, length) };
        engine::with(|engine| engine.view(view)?.paint_into(pixels).map(|_| OK))
    })
}

/// # Safety
/// `values` must point to `count` doubles.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_servo_view_post_frame(view: u64, values: *const f64, count: i32) -> i32 {
    call(|| {
        if count < 0 || (values.is_null() && count > 0) {
            return Err(Failure::invalid("values is null or count negative"));
        }
        let values = if count == 0 {
            &[][..]
        } else {
            // SAFETY: `count` readable doubles at `values`, as the caller promises.
            unsafe { std::slice::from_raw_parts(values, count as usize) }
        };
        engine::with(|engine| Ok(engine.view(view)?.post_frame(values) as i32))
    })
}

/// # Safety
/// `script` must be a NUL-terminated string; `buffer` null or `capacity` writable bytes;
/// `out_length` a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_servo_view_evaluate(
    view: u64,
    script: *const c_char,
    timeout_millis: i32,
    buffer: *mut c_char,
    capacity: usize,
    out_length: *mut usize,
) -> i32 {
    call(|| {
        // SAFETY: passed on from the caller.
        let script = unsafe { utf8(script, "script") }?;
        if out_length.is_null() {
            return Err(Failure::invalid("out_length is null"));
        }
        let timeout = Duration::from_millis(timeout_millis.max(0) as u64);
        let value = engine::with(|engine| engine.evaluate(view, script, timeout))?;
        // SAFETY: the caller's pointers, as promised.
        unsafe { copy_text(&json::to_json(&value), buffer, capacity, out_length) };
        Ok(OK)
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn orrery_servo_view_pointer_move(view: u64, x: f32, y: f32) -> i32 {
    call(|| engine::with(|engine| {
        let point = DevicePoint::new(x, y).into();
        engine.input(view, InputEvent::MouseMove(MouseMoveEvent::new(point))).map(|_| OK)
    }))
}

#[unsafe(no_mangle)]
pub extern "C" fn orrery_servo_view_pointer_button(view: u64, x: f32, y: f32, button: i32, pressed: i32) -> i32 {
    call(|| {
        let button = match button {
            0 => MouseButton::Primary,
            1 => MouseButton::Auxiliary,
            2 => MouseButton::Secondary,
            other => return Err(Failure::invalid(format!("unknown mouse button {other}"))),
        };
        let action = if pressed != 0 { MouseButtonAction::Down } else { MouseButtonAction::Up };
        engine::with(|engine| {
            let point = DevicePoint::new(x, y).into();
            engine.input(view, InputEvent::MouseButton(MouseButtonEvent::new(action, button, point))).map(|_| OK)
        })
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn orrery_servo_view_wheel(view: u64, x: f32, y: f32, delta_x: f64, delta_y: f64) -> i32 {
    call(|| engine::with(|engine| {
        let point = DevicePoint::new(x, y);
        // Servo's wheel delta is positive towards the top and left (its docs); the ABI's, as the
        // DOM's, towards the bottom and right.
        let delta = WheelDelta { x: -delta_x, y: -delta_y, z: 0.0, mode: WheelMode::DeltaPixel };
        engine.input(view, InputEvent::Wheel(WheelEvent::new(delta, point.into())))?;
        // The page sees the wheel event; the scroll itself is Servo's compositor's.
        let scroll = Scroll::Delta(DeviceVector2D::new(delta_x as f32, delta_y as f32).into());
        engine.view(view)?.webview.notify_scroll_event(scroll, point.into());
        Ok(OK)
    }))
}

/// # Safety
/// `key` and `code` must be NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_servo_view_key(
    view: u64,
    key: *const c_char,
    code: *const c_char,
    pressed: i32,
    modifiers: i32,
) -> i32 {
    call(|| {
        // SAFETY: passed on from the caller.
        let key_text = unsafe { utf8(key, "key") }?;
        let code_text = unsafe { utf8(code, "code") }?;
        let key = Key::from_str(key_text)
            .map_err(|_| Failure::invalid(format!("unknown key {key_text:?} (a DOM key value)")))?;
        let code = Code::from_str(code_text).unwrap_or(Code::Unidentified);
        let state = if pressed != 0 { KeyState::Down } else { KeyState::Up };
        let event = KeyboardEvent::new_without_event(
            state,
            key,
            code,
            Location::Standard,
            key_modifiers(modifiers),
            false,
            false,
        );
        engine::with(|engine| engine.input(view, InputEvent::Keyboard(event)).map(|_| OK))
    })
}

/// The header's modifier bits: 1 shift, 2 control, 4 alt, 8 meta.
fn key_modifiers(bits: i32) -> Modifiers {
    let mut modifiers = Modifiers::empty();
    for (bit, modifier) in [(1, Modifiers::SHIFT), (2, Modifiers::CONTROL), (4, Modifiers::ALT), (8, Modifiers::META)] {
        if bits & bit != 0 {
            modifiers |= modifier;
        }
    }
    modifiers
}

/// # Safety
/// `buffer` null or `capacity` writable bytes; `out_length` a writable `size_t`.
unsafe fn copy_text(text: &str, buffer: *mut c_char, capacity: usize, out_length: *mut usize) {
    let bytes = text.as_bytes();
    if !buffer.is_null() {
        let n = bytes.len().min(capacity);
        // SAFETY: `capacity` writable bytes at `buffer`; n <= capacity.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer.cast::<u8>(), n) };
    }
    // SAFETY: writable, as the caller promises.
    unsafe { *out_length = bytes.len() };
}
