// Elementwise Float kernels of the feed-forward engine, compiled for AVX-512, AVX2 and baseline
// x86-64 with the best one chosen when the program loads (target_clones). Every clone performs
// the same IEEE operations in the same order (no FMA contraction), so results do not depend on
// which one runs.
#ifndef HFDASH_CKERNELS_H
#define HFDASH_CKERNELS_H

/// x[j] ← σ(x[j] + b[j]) for j < n (numerically stable logistic).
void hf_logistic_adding_bias(float *x, const float *b, long n);

/// For one output row: v = z + b, z ← σ(v), loss[j] ← max(v,0) − v·t + log(1 + e^−|v|) (binary
/// cross-entropy from the pre-activation) and error[j] ← (σ(v) − t)².
void hf_logistic_cross_entropy(float *z, const float *b, const float *t, float *loss, float *error, long n);

/// out[j] ← e^x[j] by the kernels' own exponential (clamped to [−87, 88]), for accuracy tests.
void hf_exp_kernel(float *out, const float *x, long n);

/// out[j] ← log(1 + x[j]) for 0 ≤ x[j] ≤ 1 by the kernels' own series, for accuracy tests.
void hf_log1p_unit_kernel(float *out, const float *x, long n);

#endif
