;; Declares 100 pages (6.25 MiB) of initial memory: more than the 4 MiB budget of the test descriptors.
(module
  (memory (export "memory") 100)
  (func (export "orrery_abi_version") (result i32) (i32.const 1))
  (func (export "orrery_init") (param i32) (result i32) (i32.const 0))
  (func (export "orrery_params_ptr") (result i32) (i32.const 0))
  (func (export "orrery_state_in_ptr") (result i32) (i32.const 0))
  (func (export "orrery_state_out_ptr") (result i32) (i32.const 0))
  (func (export "orrery_step") (param i32 i32 f32) (result i32) (i32.const 0)))
