package dev.cairn.ui.writekey;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one check of write keys for every {@code /v1/**} call: the key is read from the Basic-auth
 * user name (as Segment's libraries send it) or, for the event calls only, from a {@code writeKey}
 * field in the body (for senders that cannot set headers, such as {@code navigator.sendBeacon}); an
 * unknown or revoked key is answered 401, a call outside the key's scope 403, a key over its rate
 * limit 429 with {@code Retry-After}. A call that passes carries the key as its authentication.
 */
final class WriteKeyFilter extends OncePerRequestFilter {

  private static final String PROBLEMS = "https://cairn.dev/problems/";

  private final WriteKeys keys;
  private final ApiRateLimiter limiter;
  private final JsonMapper json;
  private final int maxBodyBytes;
  private final SecurityContextHolderStrategy securityContexts;

  WriteKeyFilter(
      WriteKeys keys,
      ApiRateLimiter limiter,
      JsonMapper json,
      int maxBodyBytes,
      SecurityContextHolderStrategy securityContexts) {
    this.keys = keys;
    this.limiter = limiter;
    this.json = json;
    this.maxBodyBytes = maxBodyBytes;
    this.securityContexts = securityContexts;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = path(request);
    HttpServletRequest call = request;
    String secret = WriteKeys.fromBasicAuth(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (secret == null && WriteKeyScope.isEventPath(path)) {
      byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
      call = new ReplayedBody(request, body);
      secret = bodyWriteKey(body);
    }
    Optional<WriteKey> key = keys.authenticate(secret);
    if (key.isEmpty()) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Cairn event API\"");
      problem(
          response,
          HttpStatus.UNAUTHORIZED,
          "unknown-write-key",
          "Unknown write key",
          "Send a working write key as the Basic-auth user name (curl -u KEY: ...), or as"
              + " \"writeKey\" in the body of an event call. An admin creates keys in the console"
              + " under Write keys; a revoked or rotated key no longer works.");
      return;
    }
    WriteKey found = key.get();
    if (!found.scope().permits(path)) {
      problem(
          response,
          HttpStatus.FORBIDDEN,
          "write-key-out-of-scope",
          "Not allowed for this write key",
          "\""
              + found.name()
              + "\" is a source key: it may only send track, identify, page, screen, group, alias"
              + " and batch calls. Call "
              + path
              + " with a server key, kept on your server, never in a website.");
      return;
    }
    Optional<Duration> wait = limiter.tryCall(found);
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      problem(
          response,
          HttpStatus.TOO_MANY_REQUESTS,
          "rate-limited",
          "Too many calls",
          "The write key \""
              + found.name()
              + "\" made more calls than its limit allows; retry after "
              + seconds
              + " s, or send calls together in /v1/batch.");
      return;
    }
    var authentication =
        UsernamePasswordAuthenticationToken.authenticated(
            found, null, List.of(new SimpleGrantedAuthority("SCOPE_" + found.scope().name())));
    SecurityContext context = securityContexts.createEmptyContext();
    context.setAuthentication(authentication);
    securityContexts.setContext(context);
    call.setAttribute(WriteKeys.CURRENT, found);
    chain.doFilter(call, response);
  }

  private static String path(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /**
   * The {@code writeKey} field of an event call's body; a gzip-compressed body was already unpacked
   * by the API's filter in front of this one.
   */
  private @Nullable String bodyWriteKey(byte[] body) {
    try {
      JsonNode root = json.readTree(body);
      JsonNode key = root != null && root.isObject() ? root.get("writeKey") : null;
      return key != null && key.isString() ? key.asString() : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  private void problem(
      HttpServletResponse response, HttpStatus status, String slug, String title, String detail)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", PROBLEMS + slug);
    problem.put("title", title);
    problem.put("status", status.value());
    problem.put("detail", detail);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(problem));
  }

  /** The request with its body read once here and handed on unchanged. */
  private static final class ReplayedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReplayedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("The body was already read; read it blocking");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(
          new InputStreamReader(
              new ByteArrayInputStream(body),
              getCharacterEncoding() == null
                  ? StandardCharsets.UTF_8
                  : java.nio.charset.Charset.forName(getCharacterEncoding())));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
