;; A kernel whose orrery_init never returns: the host must stop it as it stops a runaway step.
(module
  (memory (export "memory") 1)
  (func (export "orrery_abi_version") (result i32) (i32.const 1))
  (func (export "orrery_init") (param i32) (result i32)
    (loop $forever (br $forever))
    (i32.const 0))
  (func (export "orrery_params_ptr") (result i32) (i32.const 0))
  (func (export "orrery_state_in_ptr") (result i32) (i32.const 1024))
  (func (export "orrery_state_out_ptr") (result i32) (i32.const 8192))
  (func (export "orrery_step") (param i32 i32 f32) (result i32) (i32.const 0)))
