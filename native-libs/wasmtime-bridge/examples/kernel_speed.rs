//! Steps per second of a reference kernel on Wasmtime alone, with no JVM and no host around it,
//! configured as the bridge configures it, with epoch interruption on or off: how much of the
//! host's figure is the engine's code, and what the epoch checks that let the watchdog stop a
//! looping kernel cost. Like the native driver (benchmarks/kernels/native_driver.c), a tick is one
//! full step and the output copied back to the input.
//!
//! usage: kernel_speed KERNEL.wasm nbody|heat|density ITEMS SECONDS on|off
//!   nbody: ITEMS bodies (4 floats each); heat: ITEMS cells of a square grid; density: ITEMS
//!   points, made up (x random, y rising), binned into 1280 x 720 with all of them in view.
//!
//! Run: cargo run --release --example kernel_speed -- ... (from native-libs/wasmtime-bridge, with
//! CARGO_TARGET_DIR set as the build script sets it, so Wasmtime is not compiled again).

use std::time::Instant;
use wasmtime::{Config, Engine, Instance, Linker, Module, OptLevel, Store, Strategy};

fn main() -> wasmtime::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 6 {
        eprintln!("usage: kernel_speed KERNEL.wasm nbody|heat|density ITEMS SECONDS on|off");
        std::process::exit(2);
    }
    let (file, kernel, items, seconds) = (&args[1], args[2].as_str(), args[3].parse::<i32>()?, args[4].parse::<f64>()?);
    let epochs = args[5] == "on";

    let mut config = Config::new();
    config.strategy(Strategy::Cranelift);
    config.cranelift_opt_level(OptLevel::Speed);
    config.wasm_simd(true);
    config.epoch_interruption(epochs);
    let engine = Engine::new(&config)?;
    let module = Module::from_file(&engine, file)?;
    let mut store = Store::new(&engine, ());
    if epochs {
        store.set_epoch_deadline(u64::MAX / 2); // checked on every loop, never reached
    }
    let mut linker = Linker::new(&engine);
    linker.func_wrap("orrery", "log", |_: i32, _: i32| {})?;
    linker.func_wrap("orrery", "now_ns", || 0i64)?;
    let instance = linker.instantiate(&mut store, &module)?;

    let cells = if kernel == "density" {
        let shape = instance.get_typed_func::<(i32, i32), i32>(&mut store, "orrery_grid_shape")?;
        check(shape.call(&mut store, (1280, 720))?, "orrery_grid_shape")?;
        1280 * 720
    } else {
        items
    };
    let init = instance.get_typed_func::<i32, i32>(&mut store, "orrery_init")?;
    check(init.call(&mut store, cells)?, "orrery_init")?;
    let params = pointer(&instance, &mut store, "orrery_params_ptr")?;
    let state_in = pointer(&instance, &mut store, "orrery_state_in_ptr")?;
    let state_out = pointer(&instance, &mut store, "orrery_state_out_ptr")?;
    let lanes = match kernel {
        "nbody" => 4,
        "heat" | "density" => 1,
        other => wasmtime::bail!("unknown kernel {other}: nbody, heat or density"),
    };
    let points = if kernel == "density" {
        let buffer = instance.get_typed_func::<i32, i32>(&mut store, "orrery_buffer_ptr")?;
        Some(buffer.call(&mut store, items)? as usize)
    } else {
        None
    };
    let memory = instance.get_memory(&mut store, "memory").expect("kernels export their memory");
    let data = memory.data_mut(&mut store);
    // The drivers' parameters: n-body's G and softening, heat's diffusivity, density's view.
    let values: &[f64] = match kernel {
        "nbody" => &[1.0, 0.05],
        "heat" => &[1.0],
        _ => &[0.0, 1.0001, 0.0, 1.0001],
    };
    for (i, v) in values.iter().enumerate() {
        put(data, params + 8 * i, &v.to_le_bytes());
    }
    let mut seed: u32 = 12345; // the native driver's generator and seed
    let mut next = || {
        seed = seed.wrapping_mul(1103515245).wrapping_add(12345);
        ((seed >> 8) & 0xffff) as f32 / 65536.0
    };
    match points {
        Some(base) => {
            for i in 0..items as usize {
                let record = [next(), i as f32 / items as f32, 1.0];
                for (k, v) in record.iter().enumerate() {
                    put(data, base + 12 * i + 4 * k, &v.to_le_bytes());
                }
            }
        }
        None => {
            for i in 0..cells as usize * lanes {
                put(data, state_in + 4 * i, &(next() - 0.5).to_le_bytes());
            }
        }
    }

    let step = instance.get_typed_func::<(i32, i32, f32), i32>(&mut store, "orrery_step")?;
    let bytes = cells as usize * lanes * 4;
    let start = Instant::now();
    let mut steps = 0u64;
    while start.elapsed().as_secs_f64() < seconds {
        check(step.call(&mut store, (0, cells, 0.001))?, "orrery_step")?;
        memory.data_mut(&mut store).copy_within(state_out..state_out + bytes, state_in);
        steps += 1;
    }
    println!("{:.2}", steps as f64 / start.elapsed().as_secs_f64());
    Ok(())
}

fn pointer(instance: &Instance, store: &mut Store<()>, export: &str) -> wasmtime::Result<usize> {
    Ok(instance.get_typed_func::<(), i32>(&mut *store, export)?.call(store, ())? as usize)
}

fn put(memory: &mut [u8], at: usize, bytes: &[u8]) {
    memory[at..at + bytes.len()].copy_from_slice(bytes);
}

fn check(status: i32, call: &str) -> wasmtime::Result<()> {
    if status != 0 {
        wasmtime::bail!("{call} returned {status}");
    }
    Ok(())
}
