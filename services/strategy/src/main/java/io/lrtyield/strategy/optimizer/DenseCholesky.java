package io.lrtyield.strategy.optimizer;

/** Cholesky factorisation and solve of a small dense symmetric positive definite system, in place. */
final class DenseCholesky {

    private DenseCholesky() {
    }

    /** Solves A·z = rhs for row-major n×n SPD A (overwritten by its factor); false if A is not positive definite. */
    static boolean solveInPlace(double[] a, int n, double[] rhs) {
        for (int r = 0; r < n; r++) {
            for (int col = 0; col <= r; col++) {
                double sum = a[r * n + col];
                for (int t = 0; t < col; t++) {
                    sum -= a[r * n + t] * a[col * n + t];
                }
                if (r == col) {
                    if (!(sum > 0)) {
                        return false;
                    }
                    a[r * n + r] = Math.sqrt(sum);
                } else {
                    a[r * n + col] = sum / a[col * n + col];
                }
            }
        }
        for (int r = 0; r < n; r++) {
            double sum = rhs[r];
            for (int t = 0; t < r; t++) {
                sum -= a[r * n + t] * rhs[t];
            }
            rhs[r] = sum / a[r * n + r];
        }
        for (int r = n - 1; r >= 0; r--) {
            double sum = rhs[r];
            for (int t = r + 1; t < n; t++) {
                sum -= a[t * n + r] * rhs[t];
            }
            rhs[r] = sum / a[r * n + r];
        }
        return true;
    }
}
