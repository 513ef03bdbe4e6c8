package io.guildmark.credentials.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link SigningBenchmark} briefly with one and with two threads (see docs/benchmarks.md for the command).
 * Arguments, if any, are passed to JMH instead, e.g. {@code SigningBenchmark.fastSign -t 4}.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws RunnerException, java.io.IOException {
        if (args.length > 0) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        for (int threads : new int[] {1, 2}) {
            Options options = new OptionsBuilder()
                    .include(SigningBenchmark.class.getSimpleName())
                    .forks(1).warmupIterations(2).measurementIterations(3)
                    .threads(threads)
                    .build();
            new Runner(options).run();
        }
    }
}
