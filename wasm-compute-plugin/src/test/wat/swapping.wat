;; scale.wat's step (out[i] = in[i] * factor + dt) in a kernel that exports orrery_swap_states:
;; the two states live at 1024 and right after it, and the swap trades them. Behaviour (parameter
;; 1): 0 normal, 1 the swap returns the kernel-specific error -101, 2 the swap claims success but
;; trades nothing (a kernel that breaks the contract; the validator must say so).
(module
  (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 0))
  (global $in (mut i32) (i32.const 1024))
  (global $out (mut i32) (i32.const 1024))

  (func (export "orrery_abi_version") (result i32) (i32.const 1))

  (func (export "orrery_init") (param $n i32) (result i32)
    (local $need i32)
    (global.set $count (local.get $n))
    (global.set $out (i32.add (i32.const 1024) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $need
      (i32.shr_u (i32.add (i32.add (i32.const 1024) (i32.shl (local.get $n) (i32.const 3))) (i32.const 65535))
                 (i32.const 16)))
    (if (i32.gt_u (local.get $need) (memory.size))
      (then
        (if (i32.eq (memory.grow (i32.sub (local.get $need) (memory.size))) (i32.const -1))
          (then (return (i32.const -4))))))
    (i32.const 0))

  (func (export "orrery_params_ptr") (result i32) (i32.const 0))
  (func (export "orrery_state_in_ptr") (result i32) (global.get $in))
  (func (export "orrery_state_out_ptr") (result i32) (global.get $out))

  (func (export "orrery_swap_states") (result i32)
    (local $former i32) (local $mode i32)
    (local.set $mode (i32.trunc_f64_s (f64.load (i32.const 8))))
    (if (i32.eq (local.get $mode) (i32.const 1)) (then (return (i32.const -101))))
    (if (i32.eq (local.get $mode) (i32.const 2)) (then (return (i32.const 0))))
    (local.set $former (global.get $in))
    (global.set $in (global.get $out))
    (global.set $out (local.get $former))
    (i32.const 0))

  (func (export "orrery_step") (param $first i32) (param $n i32) (param $dt f32) (result i32)
    (local $i i32) (local $end i32) (local $factor f32)
    (local.set $end (i32.add (local.get $first) (local.get $n)))
    (if (i32.or (i32.lt_s (local.get $first) (i32.const 0))
                (i32.gt_u (local.get $end) (global.get $count)))
      (then (return (i32.const -1))))
    (local.set $factor (f32.demote_f64 (f64.load (i32.const 0))))
    (local.set $i (local.get $first))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (f32.store
          (i32.add (global.get $out) (i32.shl (local.get $i) (i32.const 2)))
          (f32.add
            (f32.mul (f32.load (i32.add (global.get $in) (i32.shl (local.get $i) (i32.const 2)))) (local.get $factor))
            (local.get $dt)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 0)))
