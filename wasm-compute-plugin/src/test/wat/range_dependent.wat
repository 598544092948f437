;; Breaks the pure-step rule on purpose: out[i] = in[i] + first, so the result depends on how a
;; tick is cut into ranges. State: one f32 per item, at most 1024 items.
(module
  (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 0))
  (func (export "orrery_abi_version") (result i32) (i32.const 1))
  (func (export "orrery_init") (param $n i32) (result i32)
    (if (i32.gt_u (local.get $n) (i32.const 1024)) (then (return (i32.const -4))))
    (global.set $count (local.get $n))
    (i32.const 0))
  (func (export "orrery_params_ptr") (result i32) (i32.const 0))
  (func (export "orrery_state_in_ptr") (result i32) (i32.const 1024))
  (func (export "orrery_state_out_ptr") (result i32) (i32.const 8192))
  (func (export "orrery_step") (param $first i32) (param $n i32) (param $dt f32) (result i32)
    (local $i i32)
    (local.set $i (local.get $first))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.add (local.get $first) (local.get $n))))
        (f32.store (i32.add (i32.const 8192) (i32.shl (local.get $i) (i32.const 2)))
          (f32.add (f32.load (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2))))
                   (f32.convert_i32_s (local.get $first))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 0)))
