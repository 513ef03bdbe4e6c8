package io.guildmark.app.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

/** Failures on pages become a readable page with the right status, never a stack trace. */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(WebExceptionHandler.class);

    @ExceptionHandler(Problem.class)
    ModelAndView problem(Problem problem, HttpServletResponse response) {
        return page(response, ProblemWriter.statusOf(problem.kind()).value(), problem.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(HttpServletResponse response) {
        return page(response, 413, "That file is too large.");
    }

    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ModelAndView denied(HttpServletResponse response) {
        return page(response, 403, "You do not have access to this page.");
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse || e instanceof org.springframework.web.servlet.resource.NoResourceFoundException) {
            throw e; // Spring's own 4xx (bad method, missing parameter, unknown page) keep their status.
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(response, 500, "Something went wrong on our side; nothing was changed. Please try again.");
    }

    private static ModelAndView page(HttpServletResponse response, int status, String message) {
        response.setStatus(status);
        ModelAndView view = new ModelAndView("error");
        view.addObject("status", status);
        view.addObject("message", message);
        return view;
    }
}
