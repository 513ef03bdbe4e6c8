package io.guildmark.app.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Every SQL statement a node sends to its database, with the thread that sent it: the node's data source, wrapped, so
 * a test counts a request's round trips exactly (no timing, no database statistics). Install it in a node of its own
 * ({@link SecondNode#startLogging}); the shared test application is never wrapped.
 */
public final class StatementLog implements BeanPostProcessor {

    /** One statement as sent: its SQL, and the name of the thread that sent it. */
    public record Sent(String thread, String sql) {}

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    /** What has been sent since the log was last cleared, oldest first. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public void clear() {
        sent.clear();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource)) return bean;
        // AutoCloseable too, so the context still closes the pool when the node stops.
        return proxy(dataSource, (method, result) -> "getConnection".equals(method.getName())
                ? proxy(result, this::connectionResult, Connection.class) : result, DataSource.class, AutoCloseable.class);
    }

    private Object connectionResult(Method method, Object result) {
        if (result instanceof Statement statement && "createStatement".equals(method.getName())) {
            return proxy(statement, (m, r) -> r, Statement.class);
        }
        return result;
    }

    private interface ResultWrapper {
        Object wrap(Method method, Object result);
    }

    /** What a transaction's boundaries are logged as: a connection leaving auto-commit, its commit and its rollback. */
    public static final String BEGIN = "begin", COMMIT = "commit", ROLLBACK = "rollback";

    /**
     * A proxy that records the SQL of every call given SQL text as its first argument (and a connection's transaction
     * boundaries as {@link #BEGIN}, {@link #COMMIT}, {@link #ROLLBACK}), and wraps what calls return.
     */
    private Object proxy(Object target, ResultWrapper wrapper, Class<?>... interfaces) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof String sql && sends(method)) {
                sent.add(new Sent(Thread.currentThread().getName(), sql));
            } else if (target instanceof Connection) {
                String boundary = switch (method.getName()) {
                    case "setAutoCommit" -> Boolean.FALSE.equals(args[0]) ? BEGIN : null;
                    case "commit" -> COMMIT;
                    case "rollback" -> args == null ? ROLLBACK : null;
                    default -> null;
                };
                if (boundary != null) sent.add(new Sent(Thread.currentThread().getName(), boundary));
            }
            try {
                Object result = method.invoke(target, args);
                return result == null ? null : wrapper.wrap(method, result);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return Proxy.newProxyInstance(StatementLog.class.getClassLoader(), interfaces, handler);
    }

    /** Connection.prepareStatement/prepareCall and Statement.execute…/addBatch: the calls that carry SQL to the database. */
    private static boolean sends(Method method) {
        String name = method.getName();
        return name.startsWith("prepare") || name.startsWith("execute") || "addBatch".equals(name);
    }
}
