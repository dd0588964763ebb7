import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import wabt from 'wabt';
import { fuseRankings } from '../../src/retrieval/vectors/rank-fusion.js';
import {
  DOT_PRODUCT_WASM_BYTES,
  topPositions,
  unitVector,
  VectorMatrix,
} from '../../src/retrieval/vectors/vector-matrix.js';

/** A repeatable stream of numbers in [-0.5, 0.5). */
function randoms(seed: number) {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

describe('vector matrix (WebAssembly scan)', () => {
  it('embeds exactly what dot-product.wat compiles to', async () => {
    const source = readFileSync(new URL('../../../src/retrieval/vectors/dot-product.wat', import.meta.url), 'utf8');
    const tools = await wabt();
    const module = tools.parseWat('dot-product.wat', source, { simd: true });
    const { buffer } = module.toBinary({});
    module.destroy();
    assert.deepEqual(Buffer.from(buffer), DOT_PRODUCT_WASM_BYTES);
  });

  it('scores every row by its dot product with the query, for dimensions that are not a multiple of 16', () => {
    const random = randoms(7);
    for (const dimensions of [1, 3, 16, 17, 384, 1000]) {
      const rows = Array.from({ length: 37 }, () => Float32Array.from({ length: dimensions }, random));
      // Few expected rows: appends must grow the memory past its first size.
      const matrix = new VectorMatrix(dimensions, 1);
      for (const row of rows) matrix.append(row);
      const query = Float32Array.from({ length: dimensions }, random);
      const scores = matrix.scores(query);
      assert.equal(scores.length, rows.length);
      rows.forEach((row, i) => {
        const expected = row.reduce((sum, x, j) => sum + x * query[j], 0);
        assert.ok(Math.abs(scores[i] - expected) < 1e-4, `${dimensions} dims, row ${i}: ${scores[i]} vs ${expected}`);
      });
    }
  });

  it('refuses a vector of another dimension', () => {
    const matrix = new VectorMatrix(4, 1);
    assert.throws(() => matrix.append(new Float32Array(3)), /3-dimension vector in a 4-dimension matrix/);
  });

  it('finds the top k positions, best first, ties by position', () => {
    const scores = Float32Array.from([0.1, 0.9, 0.5, 0.9, -1, 0.7]);
    assert.deepEqual(topPositions(scores, 3), [1, 3, 5]);
    assert.deepEqual(topPositions(scores, 10), [1, 3, 5, 2, 0, 4]);
    assert.deepEqual(topPositions(scores, 0), []);
  });

  it('scales vectors to unit length, leaving a zero vector zero', () => {
    assert.deepEqual(Array.from(unitVector([3, 4])), [0.6000000238418579, 0.800000011920929]);
    assert.deepEqual(Array.from(unitVector([0, 0])), [0, 0]);
  });
});

describe('rank fusion', () => {
  const item = (id: number) => ({ id });
  it('weights the full-text ranking by HYBRID_BM25_WEIGHT and the vector ranking by the rest', () => {
    const text = [item(1), item(2)];
    const vector = [item(3), item(1)];
    assert.deepEqual(
      fuseRankings(text, vector, 1).map((entry) => entry.item.id),
      [1, 2, 3],
    );
    assert.deepEqual(
      fuseRankings(text, vector, 0).map((entry) => entry.item.id),
      [3, 1, 2],
    );
    const even = fuseRankings(text, vector, 0.5);
    assert.deepEqual(
      even.map((entry) => entry.item.id),
      [1, 3, 2],
    );
    // First in both lists would score 1; item 1 is first and second.
    assert.ok(Math.abs(even[0].score - (0.5 + (0.5 * 61) / 62)) < 1e-12);
  });
});
