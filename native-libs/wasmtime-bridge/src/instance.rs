//! One kernel instance: a store with its own linear memory, linked to the two host functions the
//! kernel ABI allows, with a memory budget and an interrupt flag the host owns.

use std::sync::atomic::{AtomicI32, Ordering};

use wasmtime::{
    Caller, Engine, Extern, Instance, Linker, Memory, Module, ResourceLimiter, Store, Trap,
    TypedFunc, UpdateDeadline,
};

use crate::status::{
    Failure, INTERRUPTED, Interrupted, LINK, MEMORY_BUDGET, NO_EXPORT, OverBudget, Outcome, TRAP, invalid,
};

/// `orrery.log`'s receiver: the message's UTF-8 bytes, valid only during the call.
pub type LogFn = unsafe extern "C" fn(text: *const u8, length: i32);

/// The longest message `orrery.log` passes on; the rest is cut.
const MAX_LOG_BYTES: usize = 4096;

/// The export signatures of the kernel ABI, as numbered in the header.
pub const SIG_NONE: i32 = 0;
pub const SIG_I32: i32 = 1;
pub const SIG_I32_I32: i32 = 2;
pub const SIG_I32_I32_F32: i32 = 3;

enum Function {
    None(TypedFunc<(), i32>),
    I32(TypedFunc<i32, i32>),
    I32I32(TypedFunc<(i32, i32), i32>),
    I32I32F32(TypedFunc<(i32, i32, f32), i32>),
}

struct Limits {
    budget: usize,
}

impl ResourceLimiter for Limits {
    fn memory_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        if desired > self.budget {
            // An error, not a refusal: memory.grow traps here, before the module can use the memory.
            return Err(OverBudget { desired, budget: self.budget }.into());
        }
        Ok(true)
    }

    fn table_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        Ok(desired <= 1 << 20)
    }
}

struct HostState {
    limits: Limits,
    log: Option<LogFn>,
}

pub struct KernelInstance {
    store: Store<HostState>,
    instance: Instance,
    functions: Vec<Function>,
    memory: Option<Memory>,
    /// The host's flag, in memory the host keeps alive longer than this instance.
    interrupt: &'static AtomicI32,
}

impl KernelInstance {
    /// # Safety
    /// `interrupt` must point to an aligned i32 that outlives the instance.
    pub unsafe fn new(
        engine: &Engine,
        module: &Module,
        memory_budget: usize,
        log: Option<LogFn>,
        interrupt: *const i32,
    ) -> Outcome<KernelInstance> {
        // SAFETY: aligned, alive as long as the instance, as the caller promises.
        let interrupt: &'static AtomicI32 = unsafe { AtomicI32::from_ptr(interrupt as *mut i32) };
        let mut store = Store::new(engine, HostState { limits: Limits { budget: memory_budget }, log });
        store.limiter(|state| &mut state.limits);
        // Every epoch tick calls back; only this instance's flag stops it, so interrupting one
        // instance costs the others one check.
        store.set_epoch_deadline(1);
        store.epoch_deadline_callback(move |_| {
            if interrupt.load(Ordering::Acquire) != 0 {
                Err(Interrupted.into())
            } else {
                Ok(UpdateDeadline::Continue(1))
            }
        });
        let linker = linker(engine).map_err(|e| Failure::new(LINK, format!("{e:#}")))?;
        let instance = linker.instantiate(&mut store, module).map_err(instantiation_failure)?;
        let memory = instance.get_memory(&mut store, "memory");
        Ok(KernelInstance { store, instance, functions: Vec::new(), memory, interrupt })
    }

    /// Looks up an exported function of one of the ABI's signatures; returns its index, or -1
    /// if the module exports no function of that name.
    pub fn function(&mut self, name: &str, signature: i32) -> Outcome<i32> {
        let Some(func) = self.instance.get_func(&mut self.store, name) else {
            return Ok(-1);
        };
        let wrong = |e: wasmtime::Error| Failure::new(NO_EXPORT, format!("{name} has the wrong type: {e:#}"));
        let function = match signature {
            SIG_NONE => Function::None(func.typed(&self.store).map_err(wrong)?),
            SIG_I32 => Function::I32(func.typed(&self.store).map_err(wrong)?),
            SIG_I32_I32 => Function::I32I32(func.typed(&self.store).map_err(wrong)?),
            SIG_I32_I32_F32 => Function::I32I32F32(func.typed(&self.store).map_err(wrong)?),
            other => return Err(invalid(format!("no signature {other}"))),
        };
        self.functions.push(function);
        Ok((self.functions.len() - 1) as i32)
    }

    /// Calls function `index` with as many of `a`, `b`, `c` as its signature takes.
    pub fn call(&mut self, index: i32, a: i32, b: i32, c: f32) -> Outcome<i32> {
        // A flag set after the last call ended (the watchdog's late look) must not stop this one.
        self.interrupt.store(0, Ordering::Release);
        let function = usize::try_from(index)
            .ok()
            .and_then(|i| self.functions.get(i))
            .ok_or_else(|| invalid(format!("no function {index}")))?;
        let store = &mut self.store;
        let result = match function {
            Function::None(f) => f.call(store, ()),
            Function::I32(f) => f.call(store, a),
            Function::I32I32(f) => f.call(store, (a, b)),
            Function::I32I32F32(f) => f.call(store, (a, b, c)),
        };
        result.map_err(call_failure)
    }

    /// The exported memory's base address and size in bytes, or None if it exports none.
    pub fn memory(&mut self) -> Option<(*mut u8, usize)> {
        let memory = self.memory?;
        Some((memory.data_ptr(&self.store), memory.data_size(&self.store)))
    }
}

fn linker(engine: &Engine) -> wasmtime::Result<Linker<HostState>> {
    let mut linker = Linker::new(engine);
    linker.func_wrap("orrery", "log", |mut caller: Caller<'_, HostState>, address: i32, length: i32| {
        let Some(log) = caller.data().log else { return };
        let Some(Extern::Memory(memory)) = caller.get_export("memory") else { return };
        let data = memory.data(&caller);
        let start = address as u32 as usize;
        let end = start.saturating_add((length.max(0) as usize).min(MAX_LOG_BYTES)).min(data.len());
        if start < end {
            // SAFETY: the receiver reads end - start bytes during the call, as the header says.
            unsafe { log(data[start..end].as_ptr(), (end - start) as i32) };
        }
    })?;
    linker.func_wrap("orrery", "now_ns", monotonic_nanos)?;
    Ok(linker)
}

/// CLOCK_MONOTONIC in nanoseconds: the clock the JVM's System.nanoTime reads on Linux.
fn monotonic_nanos() -> i64 {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: a valid timespec to write.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut now) };
    now.tv_sec * 1_000_000_000 + now.tv_nsec
}

fn instantiation_failure(e: wasmtime::Error) -> Failure {
    if e.downcast_ref::<OverBudget>().is_some() || e.downcast_ref::<Trap>().is_some() {
        return call_failure(e);
    }
    // Anything else is the linker's: an import the host does not offer, or of another type.
    Failure::new(LINK, format!("{e:#}"))
}

fn call_failure(e: wasmtime::Error) -> Failure {
    if e.downcast_ref::<Interrupted>().is_some() {
        return Failure::new(INTERRUPTED, Interrupted.to_string());
    }
    if let Some(over) = e.downcast_ref::<OverBudget>() {
        return Failure::new(MEMORY_BUDGET, over.to_string());
    }
    if let Some(trap) = e.downcast_ref::<Trap>() {
        return Failure::new(TRAP, trap.to_string());
    }
    Failure::new(TRAP, format!("{e:#}"))
}
