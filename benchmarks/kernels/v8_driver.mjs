// v8_driver.mjs - runs the same .wasm kernel under Node's V8, one thread, the way the host runs
// it: one full step per tick, then the output copied back to the input. Prints steps per second.
// usage: node v8_driver.mjs KERNEL.wasm ITEMS SECONDS LANES   (floats per item: 4 n-body, 1 heat)
import { readFileSync } from 'node:fs';

const [file, itemsText, secondsText, lanesText] = process.argv.slice(2);
const lanes = Number(lanesText);
const items = Number(itemsText);
const seconds = Number(secondsText);
let memory;
const imports = {
  orrery: {
    log: (ptr, len) => console.error(new TextDecoder().decode(new Uint8Array(memory.buffer, ptr, len))),
    now_ns: () => process.hrtime.bigint(),
  },
};
const { instance } = await WebAssembly.instantiate(readFileSync(file), imports);
const k = instance.exports;
memory = k.memory;
if (k.orrery_init(items) !== 0) throw new Error('orrery_init failed');
const params = new Float64Array(memory.buffer, k.orrery_params_ptr(), lanes === 4 ? 2 : 1);
params[0] = 1.0;
if (lanes === 4) params[1] = 0.05; // n-body softening; heat has one parameter
const input = new Float32Array(memory.buffer, k.orrery_state_in_ptr(), items * lanes);
const output = new Float32Array(memory.buffer, k.orrery_state_out_ptr(), items * lanes);
let seed = 12345;
for (let i = 0; i < items * lanes; i++) {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  input[i] = ((seed >>> 8) & 0xffff) / 65536 - 0.5;
}
const start = process.hrtime.bigint();
const end = start + BigInt(Math.round(seconds * 1e9));
let now = start;
let steps = 0;
while (now < end) {
  if (k.orrery_step(0, items, 0.001) !== 0) throw new Error('orrery_step failed');
  input.set(output);
  steps++;
  now = process.hrtime.bigint();
}
console.log((steps / (Number(now - start) / 1e9)).toFixed(2));
