;; Has every export but orrery_step.
(module
  (memory (export "memory") 1)
  (func (export "orrery_abi_version") (result i32) (i32.const 1))
  (func (export "orrery_init") (param i32) (result i32) (i32.const 0))
  (func (export "orrery_params_ptr") (result i32) (i32.const 0))
  (func (export "orrery_state_in_ptr") (result i32) (i32.const 0))
  (func (export "orrery_state_out_ptr") (result i32) (i32.const 0)))
