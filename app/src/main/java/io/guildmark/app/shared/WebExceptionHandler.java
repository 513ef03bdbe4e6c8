package io.guildmark.app.shared;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
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
    private final ProblemWriter problems;
    private final DatabaseUnavailable databaseUnavailable;

    WebExceptionHandler(ProblemWriter problems, DatabaseUnavailable databaseUnavailable) {
        this.problems = problems;
        this.databaseUnavailable = databaseUnavailable;
    }

    @ExceptionHandler(Problem.class)
    ModelAndView problem(Problem problem, HttpServletResponse response) {
        return page(response, ProblemWriter.statusOf(problem.kind()).value(), problem.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(HttpServletResponse response) {
        return page(response, 413, "That file is too large.");
    }

    /**
     * A post to an upload form that is not a multipart form at all (415), or a multipart body that cannot be read (400):
     * a script or a broken client, never a person using the page; under {@code /api/} the answer is a problem.
     */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    Object notMultipart(org.springframework.web.multipart.MultipartException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String type = request.getContentType();
        boolean multipart = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
        Problem problem = multipart
                ? Problem.invalid("unreadable-multipart", "The uploaded form could not be read; send it again as multipart/form-data.")
                : new Problem(Problem.Kind.UNSUPPORTED_MEDIA, "multipart-required",
                        "This form uploads a file: send it as multipart/form-data, as the form on the page does.", java.util.List.of());
        if (request.getRequestURI().startsWith("/api/")) {
            problems.write(request, response, problem);
            return null;
        }
        return page(response, ProblemWriter.statusOf(problem.kind()).value(), problem.getMessage());
    }

    /** A form sent in a content type its page does not take, such as an upload form posted as JSON. */
    @ExceptionHandler(org.springframework.web.HttpMediaTypeNotSupportedException.class)
    Object unsupportedType(org.springframework.web.HttpMediaTypeNotSupportedException e, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        if (request.getRequestURI().startsWith("/api/")) throw e; // Spring's own problem details
        boolean upload = e.getSupportedMediaTypes().stream().anyMatch(org.springframework.http.MediaType.MULTIPART_FORM_DATA::includes);
        return page(response, 415, upload ? "This form uploads a file: send it as multipart/form-data, as the form on the page does."
                : "This form was sent in a way the page does not accept; use the form on the page.");
    }

    /** An upload form posted without its file field. */
    @ExceptionHandler(org.springframework.web.multipart.support.MissingServletRequestPartException.class)
    ModelAndView missingPart(HttpServletResponse response) {
        return page(response, 400, "Choose a file to upload; the form arrived without one (it must be sent as multipart/form-data).");
    }

    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ModelAndView denied(HttpServletResponse response) {
        return page(response, 403, "You do not have access to this page.");
    }

    /**
     * A path or form value of the wrong type ({@code /achievements/not-a-uuid}, {@code ?version=first}): a page that
     * does not exist, or a request to correct; not an error on our side.
     */
    @ExceptionHandler(org.springframework.beans.TypeMismatchException.class)
    ModelAndView mismatch(org.springframework.beans.TypeMismatchException e, HttpServletResponse response) {
        boolean inPath = e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m
                && m.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class);
        return inPath ? page(response, 404, "This page does not exist.")
                : page(response, 400, "A value in the request is not of the expected kind.");
    }

    /** A form field the form does not have, like {@code alignments[9999].targetName} beyond the rows a form may grow to. */
    @ExceptionHandler(org.springframework.beans.InvalidPropertyException.class)
    ModelAndView invalidField(HttpServletResponse response) {
        return page(response, 400, "The form has a field that is not part of it; nothing was saved.");
    }

    @ExceptionHandler(Exception.class)
    @Nullable ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse || e instanceof org.springframework.web.servlet.resource.NoResourceFoundException) {
            throw e; // Spring's own 4xx (bad method, missing parameter, unknown page) keep their status.
        }
        if (DatabaseUnavailable.causedBy(e)) {
            databaseUnavailable.write(request, response, e); // 503 with Retry-After, not "something went wrong"
            return null;
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
