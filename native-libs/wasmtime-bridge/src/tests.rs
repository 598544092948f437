//! The bridge through its C entry points, as the JVM calls them.

use std::ptr::null_mut;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

use crate::instance::{SIG_I32, SIG_I32_I32_F32, SIG_NONE};
use crate::status::{INCOMPATIBLE, INTERRUPTED, LINK, MALFORMED, MEMORY_BUDGET, NO_EXPORT, OK, TRAP};
use crate::*;

fn engine() -> *mut OrreryEngine {
    let mut engine = null_mut();
    assert_eq!(unsafe { orrery_wasmtime_engine_new(&mut engine) }, OK);
    engine
}

fn compile(engine: *mut OrreryEngine, wat: &str) -> Result<*mut OrreryModule, (i32, String)> {
    let wasm = wat::parse_str(wat).unwrap();
    let mut module = null_mut();
    match unsafe { orrery_wasmtime_module_compile(engine, wasm.as_ptr(), wasm.len() as i64, &mut module) } {
        OK => Ok(module),
        code => Err((code, last_error())),
    }
}

fn last_error() -> String {
    let mut buffer = vec![0u8; 1024];
    let n = unsafe { orrery_wasmtime_last_error(buffer.as_mut_ptr(), buffer.len() as i64) } as usize;
    String::from_utf8_lossy(&buffer[..n.min(buffer.len())]).into_owned()
}

fn instantiate(module: *mut OrreryModule, budget: i64, flag: &AtomicI32) -> Result<*mut KernelInstance, (i32, String)> {
    let mut instance = null_mut();
    match unsafe { orrery_wasmtime_instance_new(module, budget, None, flag.as_ptr(), &mut instance) } {
        OK => Ok(instance),
        code => Err((code, last_error())),
    }
}

fn function(instance: *mut KernelInstance, name: &str, signature: i32) -> Result<i32, (i32, String)> {
    let name = std::ffi::CString::new(name).unwrap();
    let mut index = -1;
    match unsafe { orrery_wasmtime_instance_function(instance, name.as_ptr(), signature, &mut index) } {
        OK => Ok(index),
        code => Err((code, last_error())),
    }
}

fn call(instance: *mut KernelInstance, index: i32, a: i32, b: i32, c: f32) -> Result<[i64; 3], (i32, String)> {
    let mut out = [0i64; 3];
    match unsafe { orrery_wasmtime_instance_call(instance, index, a, b, c, out.as_mut_ptr()) } {
        OK => Ok(out),
        code => Err((code, last_error())),
    }
}

const STEP: &str = r#"(module
  (memory (export "memory") 1)
  (func (export "orrery_step") (param $first i32) (param $count i32) (param $dt f32) (result i32)
    (f32.store (i32.const 16) (f32.mul (local.get $dt) (f32.convert_i32_s (local.get $count))))
    (i32.add (local.get $first) (local.get $count)))
  (func (export "grow") (param $pages i32) (result i32) (memory.grow (local.get $pages)))
  (func (export "spin") (result i32) (loop $l (br $l)) (i32.const 0))
  (func (export "trap") (result i32) (unreachable)))"#;

#[test]
fn calls_an_export_and_sees_its_memory() {
    let engine = engine();
    let module = compile(engine, STEP).unwrap();
    let flag = AtomicI32::new(0);
    let instance = instantiate(module, 1 << 20, &flag).unwrap();
    let step = function(instance, "orrery_step", SIG_I32_I32_F32).unwrap();
    let out = call(instance, step, 3, 4, 0.5).unwrap();
    assert_eq!(out[0], 7);
    assert_eq!(out[2], 65536);
    let stored = unsafe { *((out[1] as *const u8).add(16) as *const f32) };
    assert_eq!(stored, 2.0);
    unsafe { orrery_wasmtime_instance_free(instance) };
}

#[test]
fn tells_a_missing_export_from_a_mistyped_one() {
    let engine = engine();
    let module = compile(engine, STEP).unwrap();
    let flag = AtomicI32::new(0);
    let instance = instantiate(module, 1 << 20, &flag).unwrap();
    assert_eq!(function(instance, "orrery_init", SIG_I32).unwrap(), -1);
    let (code, message) = function(instance, "orrery_step", SIG_NONE).unwrap_err();
    assert_eq!(code, NO_EXPORT);
    assert!(message.contains("orrery_step"), "{message}");
}

#[test]
fn a_trap_is_a_trap() {
    let engine = engine();
    let module = compile(engine, STEP).unwrap();
    let flag = AtomicI32::new(0);
    let instance = instantiate(module, 1 << 20, &flag).unwrap();
    let trap = function(instance, "trap", SIG_NONE).unwrap();
    let (code, message) = call(instance, trap, 0, 0, 0.0).unwrap_err();
    assert_eq!(code, TRAP);
    assert!(message.contains("unreachable"), "{message}");
}

#[test]
fn growth_past_the_budget_stops_the_call() {
    let engine = engine();
    let module = compile(engine, STEP).unwrap();
    let flag = AtomicI32::new(0);
    let instance = instantiate(module, 4 * 65536, &flag).unwrap();
    let grow = function(instance, "grow", SIG_I32).unwrap();
    let grown = call(instance, grow, 2, 0, 0.0).unwrap();
    assert_eq!(grown[0], 1, "memory.grow returns the old size in pages");
    assert_eq!(grown[2], 3 * 65536);
    let (code, message) = call(instance, grow, 2, 0, 0.0).unwrap_err();
    assert_eq!(code, MEMORY_BUDGET);
    assert!(message.contains("327680") && message.contains("262144"), "{message}");
}

#[test]
fn initial_memory_past_the_budget_is_refused() {
    let engine = engine();
    let module = compile(engine, STEP).unwrap();
    let flag = AtomicI32::new(0);
    let (code, _) = instantiate(module, 1000, &flag).unwrap_err();
    assert_eq!(code, MEMORY_BUDGET);
}

#[test]
fn an_interrupt_stops_only_its_own_instance() {
    let engine = engine();
    let module = compile(engine, STEP).unwrap();
    let flag = AtomicI32::new(0);
    let instance = instantiate(module, 1 << 20, &flag).unwrap();
    let spin = function(instance, "spin", SIG_NONE).unwrap();
    let engine_address = engine as usize;
    let flag_address = &flag as *const AtomicI32 as usize;
    let interrupter = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        // SAFETY: the flag outlives the thread, which the test joins.
        unsafe { &*(flag_address as *const AtomicI32) }.store(1, Ordering::Release);
        unsafe { orrery_wasmtime_engine_interrupt(engine_address as *mut OrreryEngine) };
    });
    let started = Instant::now();
    let (code, _) = call(instance, spin, 0, 0, 0.0).unwrap_err();
    interrupter.join().unwrap();
    assert_eq!(code, INTERRUPTED);
    assert!(started.elapsed() < Duration::from_secs(5));
    // Another instance, its flag clear, runs on through the same epoch.
    let other_flag = AtomicI32::new(0);
    let other = instantiate(module, 1 << 20, &other_flag).unwrap();
    let step = function(other, "orrery_step", SIG_I32_I32_F32).unwrap();
    unsafe { orrery_wasmtime_engine_interrupt(engine) };
    assert_eq!(call(other, step, 1, 1, 1.0).unwrap()[0], 2);
}

#[test]
fn only_the_abi_imports_link() {
    let engine = engine();
    let allowed = compile(engine, r#"(module (import "orrery" "now_ns" (func (result i64)))
        (import "orrery" "log" (func (param i32 i32))) (memory (export "memory") 1))"#).unwrap();
    let flag = AtomicI32::new(0);
    assert!(instantiate(allowed, 1 << 20, &flag).is_ok());
    let wasi = compile(engine, r#"(module (import "wasi_snapshot_preview1" "fd_write"
        (func (param i32 i32 i32 i32) (result i32))))"#).unwrap();
    let (code, message) = instantiate(wasi, 1 << 20, &flag).unwrap_err();
    assert_eq!(code, LINK);
    assert!(message.contains("fd_write"), "{message}");
    let mistyped = compile(engine, r#"(module (import "orrery" "now_ns" (func (result i32))))"#).unwrap();
    assert_eq!(instantiate(mistyped, 1 << 20, &flag).unwrap_err().0, LINK);
}

#[test]
fn malformed_bytes_are_refused() {
    let engine = engine();
    let garbage = b"\0asm\x01\0\0\0\x05garbage";
    let mut module = null_mut();
    let code = unsafe { orrery_wasmtime_module_compile(engine, garbage.as_ptr(), garbage.len() as i64, &mut module) };
    assert_eq!(code, MALFORMED);
    assert!(module.is_null());
}

#[test]
fn compiled_code_round_trips_and_foreign_code_is_refused() {
    let engine = engine();
    let module = compile(engine, STEP).unwrap();
    let (mut code, mut length) = (null_mut(), 0i64);
    assert_eq!(unsafe { orrery_wasmtime_module_serialize(module, &mut code, &mut length) }, OK);
    let mut loaded = null_mut();
    assert_eq!(unsafe { orrery_wasmtime_module_deserialize(engine, code, length, &mut loaded) }, OK);
    let flag = AtomicI32::new(0);
    let instance = instantiate(loaded, 1 << 20, &flag).unwrap();
    let step = function(instance, "orrery_step", SIG_I32_I32_F32).unwrap();
    assert_eq!(call(instance, step, 2, 2, 1.0).unwrap()[0], 4);
    unsafe { orrery_wasmtime_bytes_free(code, length) };
    let garbage = vec![7u8; 4096];
    let mut refused = null_mut();
    let result = unsafe { orrery_wasmtime_module_deserialize(engine, garbage.as_ptr(), 4096, &mut refused) };
    assert_eq!(result, INCOMPATIBLE);
    assert!(refused.is_null());
}

#[test]
fn the_fingerprint_is_stable_for_one_configuration() {
    let (a, b) = (engine(), engine());
    let fingerprint = unsafe { orrery_wasmtime_engine_fingerprint(a) };
    assert_ne!(fingerprint, 0);
    assert_eq!(fingerprint, unsafe { orrery_wasmtime_engine_fingerprint(b) });
}
