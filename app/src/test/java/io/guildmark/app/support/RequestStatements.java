package io.guildmark.app.support;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The SQL statements the application sends while it serves the requests a test watches (by path), whatever the
 * timing: the application's DataSource is wrapped, and a statement counts when the thread that sends it is serving a
 * watched request. Import {@link Recording} into the test class (that gives it a context of its own).
 */
public final class RequestStatements {

    private static final ThreadLocal<Boolean> WATCHED = new ThreadLocal<>();
    private static final ConcurrentLinkedQueue<String> SENT = new ConcurrentLinkedQueue<>();
    private static volatile String watchedPathSuffix = "\u0000";

    private RequestStatements() {}

    /** From now on, records the statements of requests whose path ends so; forgets what was recorded before. */
    public static void watch(String pathSuffix) {
        watchedPathSuffix = pathSuffix;
        SENT.clear();
    }

    /** The statements recorded since {@link #watch}, in the order sent, lower case. */
    public static List<String> sent() {
        return List.copyOf(SENT);
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Recording {

        @Bean
        static BeanPostProcessor recordingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource && !(bean instanceof Watched) ? new Watched(dataSource) : bean;
                }
            };
        }

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> watchedRequests() {
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws ServletException, IOException {
                    boolean watched = request.getRequestURI().endsWith(watchedPathSuffix);
                    if (watched) WATCHED.set(true);
                    try {
                        chain.doFilter(request, response);
                    } finally {
                        if (watched) WATCHED.remove();
                    }
                }
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    private static final class Watched extends DelegatingDataSource {

        Watched(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return recording(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return recording(super.getConnection(username, password));
        }
    }

    private static Connection recording(Connection connection) {
        return proxy(Connection.class, connection, (method, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof String sql
                    && (method.getName().startsWith("prepare") || method.getName().equals("nativeSQL"))) {
                record(sql);
            }
            Object result = invoke(method, connection, args);
            if (result instanceof Statement statement && !(result instanceof java.sql.PreparedStatement)) {
                return proxy(Statement.class, statement, (m, a) -> {
                    if (a != null && a.length > 0 && a[0] instanceof String sql && (m.getName().startsWith("execute") || m.getName().equals("addBatch"))) {
                        record(sql);
                    }
                    return invoke(m, statement, a);
                });
            }
            return result;
        });
    }

    private static void record(String sql) {
        if (Boolean.TRUE.equals(WATCHED.get())) SENT.add(sql.toLowerCase(java.util.Locale.ROOT));
    }

    private interface Call {
        Object on(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (self, method, args) -> call.on(method, args);
        return type.cast(Proxy.newProxyInstance(RequestStatements.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
