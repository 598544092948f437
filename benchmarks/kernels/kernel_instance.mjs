// kernel_instance.mjs - one instance of an Orrery kernel under Node's V8, set up the way the
// host sets one up for the benchmarks: the orrery imports, orrery_init, the parameters (gravity
// or diffusion 1.0; n-body's softening 0.05), and views of its state in and out.
// lanes: floats per item (4 n-body, 1 heat).

export async function instantiateKernel(moduleOrBytes, items, lanes) {
  let memory;
  const imports = {
    orrery: {
      log: (ptr, len) => console.error(new TextDecoder().decode(new Uint8Array(memory.buffer, ptr, len))),
      now_ns: () => process.hrtime.bigint(),
    },
  };
  const result = await WebAssembly.instantiate(moduleOrBytes, imports);
  const k = (result.instance ?? result).exports; // bytes give { module, instance }, a module an instance
  memory = k.memory;
  if (k.orrery_init(items) !== 0) throw new Error('orrery_init failed');
  const params = new Float64Array(memory.buffer, k.orrery_params_ptr(), lanes === 4 ? 2 : 1);
  params[0] = 1.0;
  if (lanes === 4) params[1] = 0.05; // n-body softening; heat has one parameter
  const floats = items * lanes;
  return {
    k,
    input: new Float32Array(memory.buffer, k.orrery_state_in_ptr(), floats),
    output: new Float32Array(memory.buffer, k.orrery_state_out_ptr(), floats),
  };
}
