package io.guildmark.app.shared;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every failure of an {@link ApiController} becomes an RFC 9457 problem with a stable code; nothing leaks a stack. */
@RestControllerAdvice(annotations = ApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private final ProblemWriter problems;
    private final DatabaseUnavailable databaseUnavailable;

    ApiExceptionHandler(ProblemWriter problems, DatabaseUnavailable databaseUnavailable) {
        this.problems = problems;
        this.databaseUnavailable = databaseUnavailable;
    }

    @ExceptionHandler(Problem.class)
    ResponseEntity<ProblemDetail> problem(Problem problem, HttpServletRequest request) {
        return respond(problems.toDetail(problem, request));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        return respond(problems.detail(HttpStatus.FORBIDDEN, "forbidden", "You may not do this.", List.of(), request));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> conflict(DataIntegrityViolationException e, HttpServletRequest request) {
        log.info("Refused a write that conflicts with existing data: {}", e.getMostSpecificCause().getMessage());
        return respond(problems.detail(HttpStatus.CONFLICT, "conflict",
                "This conflicts with existing data (a duplicate name or slug?).", List.of(), request));
    }

    /** A request that is not the multipart form the endpoint reads (415), or one whose multipart body is broken (400). */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<ProblemDetail> notMultipart(org.springframework.web.multipart.MultipartException e, HttpServletRequest request) {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            return respond(problems.detail(HttpStatus.BAD_REQUEST, "unreadable-multipart",
                    "The multipart body could not be read.", List.of(), request));
        }
        return respond(problems.detail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "multipart-required",
                "Send the file as multipart/form-data.", List.of(), request));
    }

    @ExceptionHandler(Exception.class)
    @Nullable ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (DatabaseUnavailable.causedBy(e)) {
            databaseUnavailable.write(request, response, e); // 503 with Retry-After: the same request works once it is back
            return null;
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(problems.detail(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side; nothing was changed. Try again later.", List.of(), request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return cast(problems.detail(HttpStatus.BAD_REQUEST, "malformed-body",
                "The request body is not valid JSON of the expected shape.", List.of(), servlet(request)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<Problem.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new Problem.FieldError(f.getField(), f.getDefaultMessage())).toList();
        return cast(problems.detail(HttpStatus.BAD_REQUEST, "validation-failed", "Some fields are not valid.", errors,
                servlet(request)));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(problems.detail(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "The upload is too large.", List.of(),
                servlet(request)));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail detail) {
            String code = HttpStatus.valueOf(statusCode.value()).name().toLowerCase().replace('_', '-');
            detail.setType(java.net.URI.create(ProblemWriter.TYPE_PREFIX + code));
            detail.setProperty("code", code);
        }
        return response;
    }

    private static HttpServletRequest servlet(WebRequest request) {
        return ((org.springframework.web.context.request.ServletWebRequest) request).getRequest();
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail detail) {
        return ResponseEntity.status(detail.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ProblemDetail detail) {
        return (ResponseEntity) respond(detail);
    }
}
