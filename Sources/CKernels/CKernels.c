// See include/CKernels.h. vexp and log1p_unit mirror Float.vexp and Float.vlog1pUnit in
// HFScalar.swift operation for operation.
#include "CKernels.h"
#include <stdint.h>
#include <string.h>

#pragma clang fp contract(off)

static inline float vexp(float x) {
  float c = x < -87.0f ? -87.0f : x;
  c = c > 88.0f ? 88.0f : c;
  float shifted = c * 1.44269504f + 12582912.0f;
  float n = shifted - 12582912.0f;
  float r = (c - n * 0.693359375f) + n * 2.1219444e-4f;
  float p = 1.98756915e-4f;
  p = p * r + 1.39819995e-3f;
  p = p * r + 8.3334519e-3f;
  p = p * r + 4.16657959e-2f;
  p = p * r + 1.66666655e-1f;
  p = p * r + 5.00000012e-1f;
  float er = p * r * r + r + 1.0f;
  int32_t bits;
  memcpy(&bits, &shifted, sizeof bits);
  uint32_t exponent = (uint32_t)((bits - 0x4B400000) + 127) << 23;
  float scale;
  memcpy(&scale, &exponent, sizeof scale);
  return er * scale;
}

static inline float log1p_unit(float x) {
  float s = x / (2.0f + x);
  float s2 = s * s;
  float p = 2.0f / 13.0f;
  p = p * s2 + 2.0f / 11.0f;
  p = p * s2 + 2.0f / 9.0f;
  p = p * s2 + 2.0f / 7.0f;
  p = p * s2 + 2.0f / 5.0f;
  p = p * s2 + 2.0f / 3.0f;
  p = p * s2 + 2.0f;
  return p * s;
}

__attribute__((target_clones("avx512f", "avx2", "default")))
void hf_logistic_adding_bias(float *restrict x, const float *restrict b, long n) {
  for (long j = 0; j < n; j++) {
    float v = x[j] + b[j];
    float e = vexp(-__builtin_fabsf(v));
    x[j] = (v >= 0.0f ? 1.0f : e) / (1.0f + e);
  }
}

__attribute__((target_clones("avx512f", "avx2", "default")))
void hf_logistic_cross_entropy(
    float *restrict z, const float *restrict b, const float *restrict t, float *restrict loss,
    float *restrict error, long n) {
  for (long j = 0; j < n; j++) {
    float v = z[j] + b[j];
    float e = vexp(-__builtin_fabsf(v));
    float y = (v >= 0.0f ? 1.0f : e) / (1.0f + e);
    float tv = t[j];
    loss[j] = ((v > 0.0f ? v : 0.0f) - v * tv) + log1p_unit(e);
    error[j] = (y - tv) * (y - tv);
    z[j] = y;
  }
}

__attribute__((target_clones("avx512f", "avx2", "default")))
void hf_exp_kernel(float *restrict out, const float *restrict x, long n) {
  for (long j = 0; j < n; j++) out[j] = vexp(x[j]);
}

__attribute__((target_clones("avx512f", "avx2", "default")))
void hf_log1p_unit_kernel(float *restrict out, const float *restrict x, long n) {
  for (long j = 0; j < n; j++) out[j] = log1p_unit(x[j]);
}
