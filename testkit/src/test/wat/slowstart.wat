;; A correct kernel whose orrery_init takes 400 ms of wall time on purpose, so that a test can act
;; while a start is still PREPARING. State: 8 f32 lanes per item (as n-body's), at most 1024
;; items; a step copies its range unchanged.
(module
  (import "orrery" "now_ns" (func $now (result i64)))
  (memory (export "memory") 2)
  (func (export "orrery_abi_version") (result i32) (i32.const 1))
  (func (export "orrery_init") (param $n i32) (result i32)
    (local $until i64)
    (if (i32.gt_u (local.get $n) (i32.const 1024)) (then (return (i32.const -4))))
    (local.set $until (i64.add (call $now) (i64.const 400000000)))
    (block $done
      (loop $wait
        (br_if $done (i64.ge_s (call $now) (local.get $until)))
        (br $wait)))
    (i32.const 0))
  (func (export "orrery_params_ptr") (result i32) (i32.const 0))
  (func (export "orrery_state_in_ptr") (result i32) (i32.const 1024))
  (func (export "orrery_state_out_ptr") (result i32) (i32.const 33792))
  (func (export "orrery_step") (param $first i32) (param $n i32) (param $dt f32) (result i32)
    (memory.copy
      (i32.add (i32.const 33792) (i32.shl (local.get $first) (i32.const 5)))
      (i32.add (i32.const 1024) (i32.shl (local.get $first) (i32.const 5)))
      (i32.shl (local.get $n) (i32.const 5)))
    (i32.const 0)))
