;; A kernel ABI v1 test kernel that publishes summary values. State: one f32 per item.
;; Parameters: [0] factor, [1] behaviour (unused). A step writes out[i] = in[i] * factor + dt, as
;; scale.wat does, and its range's part of four summary values of the input state, in this order:
;; the sum of the values (reduce sum), the least (min), the greatest (max) and the item count (sum).
(module
  (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 0))

  (func (export "orrery_abi_version") (result i32) (i32.const 1))

  ;; params at 0 (two f64), the summary block at 512 (four f64), input state at 1024, output after it.
  (func (export "orrery_init") (param $n i32) (result i32)
    (local $need i32)
    (global.set $count (local.get $n))
    (local.set $need
      (i32.shr_u (i32.add (i32.add (i32.const 1024) (i32.shl (local.get $n) (i32.const 3))) (i32.const 65535))
                 (i32.const 16)))
    (if (i32.gt_u (local.get $need) (memory.size))
      (then
        (if (i32.eq (memory.grow (i32.sub (local.get $need) (memory.size))) (i32.const -1))
          (then (return (i32.const -4))))))
    (i32.const 0))

  (func (export "orrery_params_ptr") (result i32) (i32.const 0))
  (func (export "orrery_summary_ptr") (result i32) (i32.const 512))
  (func (export "orrery_state_in_ptr") (result i32) (i32.const 1024))
  (func $out (export "orrery_state_out_ptr") (result i32)
    (i32.add (i32.const 1024) (i32.shl (global.get $count) (i32.const 2))))

  (func (export "orrery_step") (param $first i32) (param $n i32) (param $dt f32) (result i32)
    (local $i i32) (local $end i32) (local $factor f32) (local $v f32)
    (local $sum f64) (local $min f64) (local $max f64)
    (local.set $end (i32.add (local.get $first) (local.get $n)))
    (if (i32.or (i32.lt_s (local.get $first) (i32.const 0))
                (i32.gt_u (local.get $end) (global.get $count)))
      (then (return (i32.const -1))))
    (local.set $factor (f32.demote_f64 (f64.load (i32.const 0))))
    (local.set $min (f64.const inf))
    (local.set $max (f64.const -inf))
    (local.set $i (local.get $first))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $v (f32.load (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2)))))
        (f32.store
          (i32.add (call $out) (i32.shl (local.get $i) (i32.const 2)))
          (f32.add (f32.mul (local.get $v) (local.get $factor)) (local.get $dt)))
        (local.set $sum (f64.add (local.get $sum) (f64.promote_f32 (local.get $v))))
        (local.set $min (f64.min (local.get $min) (f64.promote_f32 (local.get $v))))
        (local.set $max (f64.max (local.get $max) (f64.promote_f32 (local.get $v))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (f64.store (i32.const 512) (local.get $sum))
    (f64.store (i32.const 520) (local.get $min))
    (f64.store (i32.const 528) (local.get $max))
    (f64.store (i32.const 536) (f64.convert_i32_s (local.get $n)))
    (i32.const 0)))
