// node_pipeline.mjs - the peer baseline: the seed architecture's own stack, Node's V8 running the
// same .wasm kernel on worker_threads, handing frames over through a SharedArrayBuffer triple
// buffer with Atomics.wait/notify. It does the same ticks as Orrery's host pipeline
// (org.orrery.bench.kernel.TickLatency): the main thread publishes a tick, the workers claim
// ranges of items, each worker copies the whole input state (the frame published last) into its
// own linear memory before its first range, steps its ranges and copies them into the back slot;
// the worker that finishes the last range publishes, and the main thread takes the frame. Where the
// kernel exports orrery_swap_states, a worker that stepped ranges of the tick before swaps instead,
// and copies in only the ranges other workers stepped, as Orrery's workers do (WorkerInput).
//
// usage: node node_pipeline.mjs KERNEL.wasm ITEMS LANES WORKERS WARMUP_SECONDS SECONDS RATE
//   LANES: floats per item (4 n-body, 1 heat); RATE: ticks per second, 0 for back to back.
// Prints one line: steps/s, tick latency p50 and p99 in ms, and CPU cores used (process CPU time
// over wall time, all threads). With a rate, latency counts from each tick's scheduled time, so
// a late tick also delays those behind it (no coordinated omission); back to back, from the tick's
// publication.
import { readFileSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { instantiateKernel } from './kernel_instance.mjs';

// Control words, one per 64-byte line, as Orrery pads its hot counters.
const LINE = 16;
const TICK = 0 * LINE;     // the tick the main thread published last
const CLAIMED = 1 * LINE;  // ranges claimed so far, over all ticks
const DONE = 2 * LINE;     // ranges finished so far, over all ticks
const GENERATION = 3 * LINE; // the tick whose frame was published last
const MIDDLE = 4 * LINE;   // the triple buffer's middle slot, with FRESH when not yet taken
const BACK = 5 * LINE;     // the slot the workers write
const INPUT = 6 * LINE;    // the slot the next tick reads: the frame published last
const STOP = 7 * LINE;
const SLEEP = 8 * LINE;    // never written: the main thread waits on it with a time-out to sleep
const CONTROL_WORDS = 9 * LINE;
const FRESH = 4;
const INITIAL = 3;         // a fourth region holds the initial state, read by the first tick

if (isMainThread) {
  await main();
} else {
  await work();
}

async function main() {
  const [file, itemsText, lanesText, workersText, warmupText, secondsText, rateText] = process.argv.slice(2);
  if (rateText === undefined) {
    console.error('usage: node node_pipeline.mjs KERNEL.wasm ITEMS LANES WORKERS WARMUP_SECONDS SECONDS RATE');
    process.exit(2);
  }
  const items = Number(itemsText);
  const lanes = Number(lanesText);
  const workerCount = Number(workersText);
  const chunks = workerCount * 4; // as the host's default: four ranges per worker
  const floats = items * lanes;
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
  const slots = new Float32Array(new SharedArrayBuffer(4 * floats * 4));
  let seed = 12345;
  for (let i = 0; i < floats; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    slots[INITIAL * floats + i] = ((seed >>> 8) & 0xffff) / 65536 - 0.5;
  }
  control[MIDDLE] = 1;
  control[BACK] = 0;
  control[INPUT] = INITIAL;
  const module = await WebAssembly.compile(readFileSync(file));
  const ready = [];
  const workers = [];
  for (let w = 0; w < workerCount; w++) {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { module, control: control.buffer, slots: slots.buffer, items, lanes, chunks },
    });
    ready.push(new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    }));
    workers.push(worker);
  }
  await Promise.all(ready);

  let tick = 0;
  let front = 2;
  // One tick: publish it, wait for its frame, take the frame. Returns when the frame is taken.
  const runTick = () => {
    tick++;
    Atomics.store(control, TICK, tick);
    Atomics.notify(control, TICK);
    let published;
    while ((published = Atomics.load(control, GENERATION)) < tick) {
      Atomics.wait(control, GENERATION, published);
    }
    if (Atomics.load(control, MIDDLE) & FRESH) {
      front = Atomics.exchange(control, MIDDLE, front) & 3;
    }
    if (Number.isNaN(slots[front * floats])) throw new Error('kernel produced NaN');
  };
  const now = () => Number(process.hrtime.bigint());
  const rate = Number(rateText);
  const period = rate > 0 ? 1e9 / rate : 0;
  // Sleeps to 200 us before the time, then spins: the host's driver does the same.
  const sleepUntil = (time) => {
    const early = time - now() - 200_000;
    if (early > 0) Atomics.wait(control, SLEEP, 0, early / 1e6);
    while (now() < time) { /* spin */ }
  };
  const runFor = (seconds, latencies) => {
    const start = now();
    const end = start + seconds * 1e9;
    let count = 0;
    for (let i = 1; ; i++) {
      const scheduled = period > 0 ? start + i * period : now();
      if (scheduled >= end) break;
      if (period > 0) sleepUntil(scheduled);
      runTick();
      if (latencies) latencies[count] = now() - scheduled;
      count++;
    }
    return count;
  };

  runFor(Number(warmupText), null);
  const seconds = Number(secondsText);
  const latencies = new Float64Array(Math.ceil(seconds * (rate > 0 ? rate : 100_000)) + 1);
  const cpuBefore = process.cpuUsage();
  const start = now();
  const count = runFor(seconds, latencies);
  const elapsed = (now() - start) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  Atomics.store(control, STOP, 1);
  Atomics.add(control, TICK, 1);
  Atomics.notify(control, TICK);
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('exit', resolve))));

  const sorted = latencies.subarray(0, count).sort();
  const percentile = (p) => sorted[Math.min(count - 1, Math.ceil((p / 100) * count) - 1)] / 1e6;
  const cores = (cpu.user + cpu.system) / 1e6 / elapsed;
  console.log(`${(count / elapsed).toFixed(2)} ${percentile(50).toFixed(3)} ${percentile(99).toFixed(3)} ${cores.toFixed(2)}`);
}

async function work() {
  const { module, items, lanes, chunks } = workerData;
  const control = new Int32Array(workerData.control);
  const slots = new Float32Array(workerData.slots);
  const floats = items * lanes;
  let { k, input, output } = await instantiateKernel(module, items, lanes);
  parentPort.postMessage('ready');
  const canSwap = typeof k.orrery_swap_states === 'function';
  const stepped = new Uint8Array(chunks); // the ranges this worker stepped in steppedTick
  let steppedTick = -1;
  const rangeFirst = (chunk) => Math.floor((items * chunk) / chunks);

  let seen = 0;
  for (;;) {
    Atomics.wait(control, TICK, seen);
    if (Atomics.load(control, STOP)) return;
    const tick = Atomics.load(control, TICK);
    seen = tick;
    const back = Atomics.load(control, BACK);
    const last = tick * chunks; // ranges of tick t are numbered (t - 1) * chunks to t * chunks - 1
    let prepared = false;
    for (;;) {
      // Claim with compare-and-swap so that a worker never takes a range of the next tick.
      const claimed = Atomics.load(control, CLAIMED);
      if (claimed >= last) break;
      if (Atomics.compareExchange(control, CLAIMED, claimed, claimed + 1) !== claimed) continue;
      if (!prepared) {
        const from = Atomics.load(control, INPUT) * floats;
        if (canSwap && steppedTick === tick - 1) { // the input is the frame of the tick it stepped in
          if (k.orrery_swap_states() !== 0) throw new Error('orrery_swap_states failed');
          [input, output] = [output, input];
          for (let c = 0; c < chunks; c++) {
            if (!stepped[c]) input.set(slots.subarray(from + rangeFirst(c) * lanes, from + rangeFirst(c + 1) * lanes), rangeFirst(c) * lanes);
          }
        } else {
          input.set(slots.subarray(from, from + floats));
        }
        stepped.fill(0);
        steppedTick = tick;
        prepared = true;
      }
      const chunk = claimed - (last - chunks);
      const first = rangeFirst(chunk);
      const end = rangeFirst(chunk + 1);
      if (k.orrery_step(first, end - first, 0.001) !== 0) throw new Error('orrery_step failed');
      slots.set(output.subarray(first * lanes, end * lanes), back * floats + first * lanes);
      stepped[chunk] = 1;
      if (Atomics.add(control, DONE, 1) + 1 === last) {
        // The last range: publish the back slot, and the next tick reads it.
        Atomics.store(control, INPUT, back);
        Atomics.store(control, BACK, Atomics.exchange(control, MIDDLE, back | FRESH) & 3);
        Atomics.store(control, GENERATION, tick);
        Atomics.notify(control, GENERATION);
      }
    }
  }
}
