;; A correct kernel that is slow on purpose: each step spins through 10 million rounds of a hash
;; before it copies its range (tens of milliseconds in any engine), for checks of the step budget.
;; State: one f32 per item, at most 1024 items.
(module
  (memory (export "memory") 1)
  (func (export "orrery_abi_version") (result i32) (i32.const 1))
  (func (export "orrery_init") (param $n i32) (result i32)
    (if (i32.gt_u (local.get $n) (i32.const 1024)) (then (return (i32.const -4))))
    (i32.const 0))
  (func (export "orrery_params_ptr") (result i32) (i32.const 0))
  (func (export "orrery_state_in_ptr") (result i32) (i32.const 1024))
  (func (export "orrery_state_out_ptr") (result i32) (i32.const 8192))
  (func (export "orrery_step") (param $first i32) (param $n i32) (param $dt f32) (result i32)
    (local $i i32)
    (local $hash i32)
    ;; The hash lands in a word no one reads, so the engine cannot drop the loop.
    (block $spun
      (loop $spin
        (br_if $spun (i32.ge_u (local.get $i) (i32.const 10000000)))
        (local.set $hash (i32.add (i32.mul (local.get $hash) (i32.const 31)) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $spin)))
    (i32.store (i32.const 512) (local.get $hash))
    (memory.copy
      (i32.add (i32.const 8192) (i32.shl (local.get $first) (i32.const 2)))
      (i32.add (i32.const 1024) (i32.shl (local.get $first) (i32.const 2)))
      (i32.shl (local.get $n) (i32.const 2)))
    (i32.const 0)))
