;; The in-process vector scan's inner loop (vector-matrix.ts embeds the compiled bytes; the unit test
;; test/unit/vector-matrix.test.ts compiles this file with wabt and checks they are the same).
;;
;; scores(matrix, query, out, rows, stride): out[r] = dot(matrix row r, query) for r < rows, where a row
;; is `stride` float32s, stride a multiple of 16 (rows are zero-padded), and all three pointers are
;; byte offsets into the imported memory, 16-byte aligned. Four 128-bit accumulators (16 floats per
;; step) keep the SIMD units busy; the scan is bound by memory bandwidth, not arithmetic.
(module
  (import "env" "memory" (memory 1))
  (func (export "scores") (param $matrix i32) (param $query i32) (param $out i32) (param $rows i32) (param $stride i32)
    (local $row_end i32) (local $q i32) (local $p i32) (local $end i32) (local $row_bytes i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $row_bytes (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 2))))
    (block $done
      (loop $each_row
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $a2 (v128.const i32x4 0 0 0 0))
        (local.set $a3 (v128.const i32x4 0 0 0 0))
        (local.set $p (local.get $matrix))
        (local.set $q (local.get $query))
        (local.set $row_end (i32.add (local.get $matrix) (local.get $row_bytes)))
        (loop $each_16
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load offset=0 (local.get $p)) (v128.load offset=0 (local.get $q)))))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $p)) (v128.load offset=16 (local.get $q)))))
          (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 (local.get $p)) (v128.load offset=32 (local.get $q)))))
          (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 (local.get $p)) (v128.load offset=48 (local.get $q)))))
          (local.set $p (i32.add (local.get $p) (i32.const 64)))
          (local.set $q (i32.add (local.get $q) (i32.const 64)))
          (br_if $each_16 (i32.lt_u (local.get $p) (local.get $row_end))))
        (local.set $a0 (f32x4.add (f32x4.add (local.get $a0) (local.get $a1)) (f32x4.add (local.get $a2) (local.get $a3))))
        (f32.store (local.get $out)
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $a0)) (f32x4.extract_lane 1 (local.get $a0)))
            (f32.add (f32x4.extract_lane 2 (local.get $a0)) (f32x4.extract_lane 3 (local.get $a0)))))
        (local.set $matrix (local.get $row_end))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $each_row))))
)
