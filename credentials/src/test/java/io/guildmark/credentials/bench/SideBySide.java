package io.guildmark.credentials.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Two builds of this library's {@link SigningBenchmark} {@code verify} and {@code cachedVerify} in one JVM, each in a
 * class loader of its own, alternating short slices (which build goes first alternates too), so that both see the
 * same load on a shared machine; JMH runs one build after the other, minutes apart. Prints the median wall and
 * thread CPU time per operation of each build. Read the ratio between builds; single figures depend on the load.
 *
 * <pre>
 * java -cp credentials/target/test-classes io.guildmark.credentials.bench.SideBySide ROUNDS BUILD_A BUILD_B
 * </pre>
 * where each build is a directory holding {@code classes/}, {@code test-classes/} and {@code cp.txt} (the
 * {@code dependency:build-classpath} output), e.g. copies of {@code credentials/target} from two worktrees.
 */
public final class SideBySide {

    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<Build> builds = List.of(new Build(args[1]), new Build(args[2]));
        for (String benchmark : List.of("verify", "cachedVerify")) {
            int slice = benchmark.equals("verify") ? 400 : 1500;
            for (int warmUp = 0; warmUp < 3; warmUp++) {
                for (Build build : builds) {
                    build.run(benchmark, slice);
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < 2; k++) {
                    builds.get((round + k) % 2).run(benchmark, slice);
                }
            }
            for (Build build : builds) {
                System.out.printf("%-13s %-40s median wall %8.1f µs/op (%6.0f/s), median CPU %8.1f µs/op (%6.0f/s)%n",
                        benchmark, build.directory, median(build.wall), 1e6 / median(build.wall), median(build.cpu),
                        1e6 / median(build.cpu));
                build.wall.clear();
                build.cpu.clear();
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** One build's benchmark state, loaded apart from the other build's classes. */
    private static final class Build {

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        final String directory;
        final Object benchmark;
        final Object cursor;
        final List<Double> wall = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();

        Build(String directory) throws Exception {
            this.directory = directory;
            List<URL> urls = new ArrayList<>();
            urls.add(new File(directory, "classes/").toURI().toURL());
            urls.add(new File(directory, "test-classes/").toURI().toURL());
            for (String jar : Files.readString(Path.of(directory, "cp.txt")).trim().split(File.pathSeparator)) {
                urls.add(new File(jar).toURI().toURL());
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass(SigningBenchmark.class.getName());
            benchmark = type.getConstructor().newInstance();
            type.getMethod("setUp").invoke(benchmark);
            cursor = loader.loadClass(SigningBenchmark.Cursor.class.getName()).getConstructor().newInstance();
            cursor.getClass().getMethod("start").invoke(cursor);
        }

        void run(String name, int operations) throws Exception {
            Method method = benchmark.getClass().getMethod(name, cursor.getClass());
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < operations; i++) {
                method.invoke(benchmark, cursor);
            }
            wall.add((System.nanoTime() - wall0) / 1e3 / operations);
            cpu.add((THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / operations);
        }
    }
}
