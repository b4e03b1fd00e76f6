package dev.lenetlab.experiment.profile;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * A Dolan–Moré performance profile (Math. Programming 91, 2002). For problem p and solver s with
 * cost t(p,s) > 0, the ratio is r(p,s) = t(p,s) / min over solvers of t(p,·); a failure gets
 * r_M, larger than every finite ratio, so it never counts below r_M. ρ_s(τ) is the fraction of
 * problems with r(p,s) ≤ τ: ρ_s(1) is how often s was (jointly) the cheapest, and the height the
 * curve reaches is the fraction of problems s solved at all.
 *
 * @param taus      the breakpoints: every distinct finite ratio, ascending (τ = 1 always first)
 * @param rho       {@code rho[s][i]} = ρ of solver s at {@code taus[i]}
 * @param failures  per solver, the problems it did not solve
 * @param failureRatio r_M
 */
public record PerformanceProfile(List<String> solvers, int problems, double[] taus, double[][] rho,
                                 int[] failures, double failureRatio) {

    /**
     * @param costs {@code costs[p][s]}: a positive cost, or NaN / +∞ for a failure
     */
    public static PerformanceProfile compute(List<String> solvers, double[][] costs) {
        int problems = costs.length;
        int n = solvers.size();
        double[][] ratios = new double[problems][n];
        int[] failures = new int[n];
        TreeSet<Double> breakpoints = new TreeSet<>();
        breakpoints.add(1.0);
        double largest = 1.0;
        for (int p = 0; p < problems; p++) {
            if (costs[p].length != n) {
                throw new IllegalArgumentException("problem " + p + " has " + costs[p].length + " costs for " + n + " solvers");
            }
            double best = Double.POSITIVE_INFINITY;
            for (int s = 0; s < n; s++) {
                double c = costs[p][s];
                if (solved(c)) {
                    if (!(c > 0)) {
                        throw new IllegalArgumentException("costs must be positive: problem " + p + ", " + solvers.get(s) + ": " + c);
                    }
                    best = Math.min(best, c);
                }
            }
            for (int s = 0; s < n; s++) {
                if (solved(costs[p][s])) {
                    ratios[p][s] = costs[p][s] / best;
                    breakpoints.add(ratios[p][s]);
                    largest = Math.max(largest, ratios[p][s]);
                } else {
                    ratios[p][s] = Double.POSITIVE_INFINITY;
                    failures[s]++;
                }
            }
        }
        double failureRatio = 2 * largest;
        double[] taus = breakpoints.stream().mapToDouble(Double::doubleValue).toArray();
        double[][] rho = new double[n][taus.length];
        for (int s = 0; s < n; s++) {
            double[] sorted = new double[problems];
            for (int p = 0; p < problems; p++) {
                sorted[p] = ratios[p][s];
            }
            Arrays.sort(sorted);
            int count = 0;
            for (int i = 0; i < taus.length; i++) {
                while (count < problems && sorted[count] <= taus[i]) {
                    count++;
                }
                rho[s][i] = problems == 0 ? 0 : (double) count / problems;
            }
        }
        return new PerformanceProfile(List.copyOf(solvers), problems, taus, rho, failures, failureRatio);
    }

    private static boolean solved(double cost) {
        return Double.isFinite(cost);
    }

    /** ρ_s(τ) for any τ ≥ 1: the value at the last breakpoint not above τ. */
    public double rho(int solver, double tau) {
        int i = Arrays.binarySearch(taus, tau);
        if (i < 0) {
            i = -i - 2;
        }
        return i < 0 ? 0 : rho[solver][i];
    }

    /** The CSV: {@code tau,log2_tau,<solver>…}, a row per breakpoint. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("tau,log2_tau");
        for (String s : solvers) {
            sb.append(',').append(s);
        }
        sb.append('\n');
        for (int i = 0; i < taus.length; i++) {
            sb.append(taus[i]).append(',').append(Math.log(taus[i]) / Math.log(2));
            for (int s = 0; s < solvers.size(); s++) {
                sb.append(',').append(rho[s][i]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
