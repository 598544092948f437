// v8_driver.mjs - runs the same .wasm kernel under Node's V8, one thread, the way the host runs
// it: one full step per tick, then the output copied back to the input. Prints steps per second.
// usage: node v8_driver.mjs KERNEL.wasm ITEMS SECONDS LANES   (floats per item: 4 n-body, 1 heat)
import { readFileSync } from 'node:fs';
import { instantiateKernel } from './kernel_instance.mjs';

const [file, itemsText, secondsText, lanesText] = process.argv.slice(2);
const lanes = Number(lanesText);
const items = Number(itemsText);
const seconds = Number(secondsText);
const { k, input, output } = await instantiateKernel(readFileSync(file), items, lanes);
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
