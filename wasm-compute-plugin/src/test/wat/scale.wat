;; A kernel ABI v1 test kernel. State: one f32 per item. Parameters: [0] factor, [1] behaviour.
;; A step writes out[i] = in[i] * factor + dt for i in [first, first + count); the optional reset
;; writes the starting state out[i] = i * factor.
;; Behaviour (parameter 1) lets the fault tests make the same module misbehave:
;;   0 normal, 1 trap (unreachable), 2 loop forever, 3 grow memory by 512 pages (32 MiB) per step,
;;   4 return the kernel-specific error -101, 5 log a message and read the clock,
;;   6 grow memory by one page, then step normally (the host must follow memory that moves),
;;   7 grow memory by 512 pages, then loop forever (stopped at the growth, not by the time budget),
;;   8 load from far past the end of memory (an out-of-bounds trap: a guard-page fault on Wasmtime).
(module
  (import "orrery" "log" (func $log (param i32 i32)))
  (import "orrery" "now_ns" (func $now (result i64)))
  (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 0))
  (data (i32.const 64) "scale kernel says hello")

  (func (export "orrery_abi_version") (result i32) (i32.const 1))

  ;; params at 0 (two f64), input state at 1024, output right after it.
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
  (func (export "orrery_state_in_ptr") (result i32) (i32.const 1024))
  (func $out (export "orrery_state_out_ptr") (result i32)
    (i32.add (i32.const 1024) (i32.shl (global.get $count) (i32.const 2))))

  (func (export "orrery_reset") (param $first i32) (param $n i32) (result i32)
    (local $i i32) (local $end i32)
    (local.set $end (i32.add (local.get $first) (local.get $n)))
    (if (i32.gt_u (local.get $end) (global.get $count)) (then (return (i32.const -1))))
    (local.set $i (local.get $first))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (f32.store
          (i32.add (call $out) (i32.shl (local.get $i) (i32.const 2)))
          (f32.mul (f32.convert_i32_u (local.get $i)) (f32.demote_f64 (f64.load (i32.const 0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 0))

  (func (export "orrery_step") (param $first i32) (param $n i32) (param $dt f32) (result i32)
    (local $i i32) (local $end i32) (local $factor f32) (local $mode i32)
    (local.set $mode (i32.trunc_f64_s (f64.load (i32.const 8))))
    (if (i32.eq (local.get $mode) (i32.const 1)) (then unreachable))
    (if (i32.eq (local.get $mode) (i32.const 2)) (then (loop $forever (br $forever))))
    (if (i32.eq (local.get $mode) (i32.const 3)) (then (drop (memory.grow (i32.const 512)))))
    (if (i32.eq (local.get $mode) (i32.const 4)) (then (return (i32.const -101))))
    (if (i32.eq (local.get $mode) (i32.const 6)) (then (drop (memory.grow (i32.const 1)))))
    (if (i32.eq (local.get $mode) (i32.const 7))
      (then (drop (memory.grow (i32.const 512))) (loop $spin (br $spin))))
    (if (i32.eq (local.get $mode) (i32.const 8)) (then (drop (f32.load (i32.const -16)))))
    (if (i32.eq (local.get $mode) (i32.const 5))
      (then (call $log (i32.const 64) (i32.const 23)) (drop (call $now))))
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
          (i32.add (call $out) (i32.shl (local.get $i) (i32.const 2)))
          (f32.add
            (f32.mul (f32.load (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2)))) (local.get $factor))
            (local.get $dt)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 0)))
