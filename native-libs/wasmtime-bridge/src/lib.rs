//! Orrery's C ABI over Wasmtime (`include/orrery_wasmtime.h` documents each call), shaped for
//! the kernel ABI v1: compile (Cranelift, speed, SIMD), serialise and load compiled code,
//! instantiate with only `orrery.log` and `orrery.now_ns`, call the ABI's exports, give the linear
//! memory's base and size, interrupt a call (epochs), cap memory growth (a resource limiter).
//! Linear memory is reserved with guard pages, so the compiled code does no bounds checks.
//!
//! Every entry point catches Rust panics and returns `PANICKED` with the message: nothing unwinds
//! into the JVM. A failure's message is kept per thread for `orrery_wasmtime_last_error`.

mod instance;
mod status;

use std::ffi::{CStr, c_char};
use std::hash::{DefaultHasher, Hash, Hasher};

use wasmtime::{Config, Engine, Module, OptLevel, Strategy};

pub use crate::instance::{KernelInstance, LogFn};
use crate::status::{Failure, INCOMPATIBLE, MALFORMED, NO_EXPORT, OK, Outcome, PANICKED, invalid};

/// The version of this ABI; the Java side refuses a library of another.
pub const ABI_VERSION: i32 = 1;

/// The Wasmtime this bridge is built on, for reports and the compiled-code cache's key.
pub const WASMTIME_VERSION: &str = "wasmtime 48.0.10";

/// The deepest a kernel's call stack may go; deeper traps ("call stack exhausted") well inside
/// the smallest thread stack the JVM gives a worker.
const MAX_WASM_STACK: usize = 256 << 10;

fn call(body: impl FnOnce() -> Outcome<i32>) -> i32 {
    status::guarded(PANICKED, "Wasmtime bridge", body)
}

/// # Safety
/// `pointer` must be null or valid for reads of `length` bytes.
unsafe fn bytes<'a>(pointer: *const u8, length: i64, what: &str) -> Outcome<&'a [u8]> {
    if pointer.is_null() || length < 0 {
        return Err(invalid(format!("{what}: null or negative length")));
    }
    // SAFETY: as the caller promises.
    Ok(unsafe { std::slice::from_raw_parts(pointer, length as usize) })
}

/// # Safety
/// `pointer` must be null or point to a live value of type `T` made by this library.
unsafe fn object<'a, T>(pointer: *mut T, what: &str) -> Outcome<&'a mut T> {
    // SAFETY: as the caller promises.
    unsafe { pointer.as_mut() }.ok_or_else(|| invalid(format!("{what} is null")))
}

/// # Safety
/// `out` must be valid for a write of one pointer.
unsafe fn hand_out<T>(out: *mut *mut T, value: T) -> Outcome<i32> {
    if out.is_null() {
        return Err(invalid("the result pointer is null"));
    }
    // SAFETY: as the caller promises.
    unsafe { *out = Box::into_raw(Box::new(value)) };
    Ok(OK)
}

/// Frees what `hand_out` gave; null is ignored.
///
/// # Safety
/// `pointer` null, or made by `hand_out` and not yet reclaimed.
unsafe fn reclaim<T>(pointer: *mut T) {
    if !pointer.is_null() {
        // SAFETY: made by Box::into_raw in hand_out, as the caller promises.
        drop(unsafe { Box::from_raw(pointer) });
    }
}

#[unsafe(no_mangle)]
pub extern "C" fn orrery_wasmtime_abi_version() -> i32 {
    ABI_VERSION
}

/// # Safety
/// `buffer` must be valid for writes of `capacity` bytes (or null with capacity 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_last_error(buffer: *mut u8, capacity: i64) -> i64 {
    let target: &mut [u8] = if buffer.is_null() || capacity <= 0 {
        &mut []
    } else {
        // SAFETY: as the caller promises.
        unsafe { std::slice::from_raw_parts_mut(buffer, capacity as usize) }
    };
    status::copy_last_error(target) as i64
}

/// # Safety
/// `buffer` must be valid for writes of `capacity` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_version(buffer: *mut u8, capacity: i64) -> i64 {
    let text = WASMTIME_VERSION.as_bytes();
    if !buffer.is_null() && capacity > 0 {
        let n = text.len().min(capacity as usize);
        // SAFETY: n <= capacity, as the caller promises.
        unsafe { std::ptr::copy_nonoverlapping(text.as_ptr(), buffer, n) };
    }
    text.len() as i64
}

pub struct OrreryEngine {
    engine: Engine,
}

/// # Safety
/// `out` must be valid for a write of one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_engine_new(out: *mut *mut OrreryEngine) -> i32 {
    call(|| {
        let mut config = Config::new();
        config.strategy(Strategy::Cranelift);
        config.cranelift_opt_level(OptLevel::Speed);
        config.wasm_simd(true);
        config.epoch_interruption(true);
        config.max_wasm_stack(MAX_WASM_STACK);
        let engine = Engine::new(&config)
            .map_err(|e| invalid(format!("Wasmtime could not start: {e:#}")))?;
        // SAFETY: as the caller promises.
        unsafe { hand_out(out, OrreryEngine { engine }) }
    })
}

/// A number that differs between engines whose compiled code cannot be exchanged: the Wasmtime
/// version, its settings and the CPU features Cranelift compiles for.
///
/// # Safety
/// `engine` must be a live engine.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_engine_fingerprint(engine: *mut OrreryEngine) -> i64 {
    // SAFETY: as the caller promises.
    let Some(engine) = (unsafe { engine.as_ref() }) else { return 0 };
    let mut hasher = DefaultHasher::new();
    WASMTIME_VERSION.hash(&mut hasher);
    engine.engine.precompile_compatibility_hash().hash(&mut hasher);
    hasher.finish() as i64
}

/// Stops, at its next loop or call, every call running on an instance whose interrupt flag is
/// set. Any thread.
///
/// # Safety
/// `engine` must be a live engine.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_engine_interrupt(engine: *mut OrreryEngine) {
    // SAFETY: as the caller promises; Engine is Sync.
    if let Some(engine) = unsafe { engine.as_ref() } {
        engine.engine.increment_epoch();
    }
}

/// # Safety
/// `engine` must be a live engine with no module or instance left, or null.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_engine_free(engine: *mut OrreryEngine) {
    // SAFETY: as the caller promises.
    unsafe { reclaim(engine) };
}

pub struct OrreryModule {
    engine: Engine,
    module: Module,
}

/// # Safety
/// `engine` live, `wasm` valid for `length` bytes, `out` valid for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_module_compile(
    engine: *mut OrreryEngine,
    wasm: *const u8,
    length: i64,
    out: *mut *mut OrreryModule,
) -> i32 {
    call(|| {
        // SAFETY: as the caller promises.
        let engine = unsafe { object(engine, "the engine") }?;
        let wasm = unsafe { bytes(wasm, length, "the module") }?;
        let module = Module::new(&engine.engine, wasm)
            .map_err(|e| Failure::new(MALFORMED, format!("{e:#}")))?;
        unsafe { hand_out(out, OrreryModule { engine: engine.engine.clone(), module }) }
    })
}

/// # Safety
/// `module` live; `out_bytes` and `out_length` valid for one write each.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_module_serialize(
    module: *mut OrreryModule,
    out_bytes: *mut *mut u8,
    out_length: *mut i64,
) -> i32 {
    call(|| {
        // SAFETY: as the caller promises.
        let module = unsafe { object(module, "the module") }?;
        if out_bytes.is_null() || out_length.is_null() {
            return Err(invalid("a result pointer is null"));
        }
        let code = module.module.serialize().map_err(|e| invalid(format!("{e:#}")))?;
        let length = code.len() as i64;
        let code = Box::into_raw(code.into_boxed_slice());
        // SAFETY: as the caller promises.
        unsafe {
            *out_length = length;
            *out_bytes = code as *mut u8;
        }
        Ok(OK)
    })
}

/// # Safety
/// `bytes` and `length` as `orrery_wasmtime_module_serialize` gave them, once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_bytes_free(bytes: *mut u8, length: i64) {
    if !bytes.is_null() && length >= 0 {
        // SAFETY: made by Box::into_raw of a boxed slice of this length.
        drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(bytes, length as usize)) });
    }
}

/// Loads code `orrery_wasmtime_module_serialize` wrote. Wasmtime refuses code of another version,
/// configuration or CPU (`INCOMPATIBLE`); it cannot tell damaged code from good, so the caller
/// must check the bytes' integrity first.
///
/// # Safety
/// `engine` live, `code` valid for `length` bytes and unaltered since serialised, `out` valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_module_deserialize(
    engine: *mut OrreryEngine,
    code: *const u8,
    length: i64,
    out: *mut *mut OrreryModule,
) -> i32 {
    call(|| {
        // SAFETY: as the caller promises.
        let engine = unsafe { object(engine, "the engine") }?;
        let code = unsafe { bytes(code, length, "the compiled code") }?;
        // SAFETY: the caller checked the bytes are what serialize wrote.
        let module = unsafe { Module::deserialize(&engine.engine, code) }
            .map_err(|e| Failure::new(INCOMPATIBLE, format!("{e:#}")))?;
        unsafe { hand_out(out, OrreryModule { engine: engine.engine.clone(), module }) }
    })
}

/// # Safety
/// `module` made by this library and not yet freed, or null. Instances made from it keep what
/// they need.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_module_free(module: *mut OrreryModule) {
    // SAFETY: as the caller promises.
    unsafe { reclaim(module) };
}

/// # Safety
/// `module` live; `log` null or a function safe to call from the calling thread; `interrupt` an
/// aligned i32 outliving the instance; `out` valid for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_instance_new(
    module: *mut OrreryModule,
    memory_budget: i64,
    log: Option<LogFn>,
    interrupt: *const i32,
    out: *mut *mut KernelInstance,
) -> i32 {
    call(|| {
        // SAFETY: as the caller promises.
        let module = unsafe { object(module, "the module") }?;
        if interrupt.is_null() || !interrupt.is_aligned() || memory_budget < 0 {
            return Err(invalid("the interrupt flag is null or unaligned, or the budget negative"));
        }
        let instance = unsafe {
            KernelInstance::new(&module.engine, &module.module, memory_budget as usize, log, interrupt)
        }?;
        unsafe { hand_out(out, instance) }
    })
}

/// # Safety
/// `instance` live and used by this thread alone; `name` NUL-terminated; `out_index` valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_instance_function(
    instance: *mut KernelInstance,
    name: *const c_char,
    signature: i32,
    out_index: *mut i32,
) -> i32 {
    call(|| {
        // SAFETY: as the caller promises.
        let instance = unsafe { object(instance, "the instance") }?;
        if name.is_null() || out_index.is_null() {
            return Err(invalid("the name or the result pointer is null"));
        }
        let name = unsafe { CStr::from_ptr(name) }
            .to_str()
            .map_err(|_| invalid("the export's name is not UTF-8"))?;
        let index = instance.function(name, signature)?;
        unsafe { *out_index = index };
        Ok(OK)
    })
}

/// Calls function `index` and writes, to `out[0..3]`, its result, then the memory's base address
/// and size after the call (memory may have grown).
///
/// # Safety
/// `instance` live and used by this thread alone; `out` valid for three i64 writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_instance_call(
    instance: *mut KernelInstance,
    index: i32,
    a: i32,
    b: i32,
    c: f32,
    out: *mut i64,
) -> i32 {
    call(|| {
        // SAFETY: as the caller promises.
        let instance = unsafe { object(instance, "the instance") }?;
        if out.is_null() {
            return Err(invalid("the result pointer is null"));
        }
        let result = instance.call(index, a, b, c)?;
        let (base, size) = instance.memory().unwrap_or((std::ptr::null_mut(), 0));
        // SAFETY: as the caller promises.
        unsafe {
            *out = result as i64;
            *out.add(1) = base as i64;
            *out.add(2) = size as i64;
        }
        Ok(OK)
    })
}

/// Writes the exported memory's base address and size to `out[0..2]`.
///
/// # Safety
/// `instance` live and used by this thread alone; `out` valid for two i64 writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_instance_memory(instance: *mut KernelInstance, out: *mut i64) -> i32 {
    call(|| {
        // SAFETY: as the caller promises.
        let instance = unsafe { object(instance, "the instance") }?;
        if out.is_null() {
            return Err(invalid("the result pointer is null"));
        }
        let (base, size) = instance
            .memory()
            .ok_or_else(|| Failure::new(NO_EXPORT, "the module does not export its memory as \"memory\""))?;
        unsafe {
            *out = base as i64;
            *out.add(1) = size as i64;
        }
        Ok(OK)
    })
}

/// # Safety
/// `instance` made by this library, not running, not yet freed; or null.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn orrery_wasmtime_instance_free(instance: *mut KernelInstance) {
    // SAFETY: as the caller promises.
    unsafe { reclaim(instance) };
}

#[cfg(test)]
mod tests;
