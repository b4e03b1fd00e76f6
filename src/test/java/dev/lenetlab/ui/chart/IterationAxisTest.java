package dev.lenetlab.ui.chart;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The iteration axis's ticks: 1, 2 or 5 × 10^k, at most ten steps to the end. */
class IterationAxisTest {
    @Test
    void ticksAreRoundAndAtMostTenSteps() {
        assertEquals(1_000, MetricChart.tickUnit(10_000));
        assertEquals(200, MetricChart.tickUnit(2_000));
        assertEquals(50, MetricChart.tickUnit(300));
        assertEquals(2_000, MetricChart.tickUnit(12_000));
        assertEquals(5, MetricChart.tickUnit(50));
        assertEquals(1, MetricChart.tickUnit(3));
    }
}
