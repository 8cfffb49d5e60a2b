package dev.cairn.ui.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies sent with {@code Content-Encoding: gzip} (as RudderStack's and Segment's libraries
 * send them) are unpacked before any endpoint reads them, at most {@code cairn.api.max-batch-size}
 * of them: the size limits count unpacked bytes, so a small file that unpacks to gigabytes is
 * refused with 413 after reading one byte past the limit, never unpacked whole.
 */
final class GzipBodies extends OncePerRequestFilter {

  private final int limit;

  GzipBodies(ApiProperties properties) {
    this.limit = (int) properties.maxBatchSize().toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
    if (encoding == null || encoding.isBlank() || encoding.strip().equalsIgnoreCase("identity")) {
      chain.doFilter(request, response);
      return;
    }
    if (!encoding.strip().toLowerCase(Locale.ROOT).equals("gzip")) {
      refuse(
          response,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-content-encoding",
          "Unsupported content encoding",
          "Content-Encoding \""
              + encoding.strip()
              + "\" is not supported; send the body as it is or gzip-compressed"
              + " (Content-Encoding: gzip).");
      return;
    }
    byte[] body;
    try (InputStream unpacked = new GZIPInputStream(request.getInputStream())) {
      body = unpacked.readNBytes(limit + 1);
    } catch (ZipException | java.io.EOFException e) {
      refuse(
          response,
          HttpStatus.BAD_REQUEST,
          "malformed-gzip",
          "Malformed gzip",
          "The body says Content-Encoding: gzip but is not valid gzip ("
              + e.getMessage()
              + "). Compress the whole body with gzip, or leave the header out.");
      return;
    }
    if (body.length > limit) {
      refuse(
          response,
          HttpStatus.CONTENT_TOO_LARGE,
          "body-too-large",
          "Body too large",
          "Unpacked, the body is over "
              + limit / 1024
              + " KB (cairn.api.max-batch-size); split it into several requests.");
      return;
    }
    chain.doFilter(new Unpacked(request, body), response);
  }

  private static void refuse(
      HttpServletResponse response, HttpStatus status, String slug, String title, String detail)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            "{\"type\":\"https://cairn.dev/problems/%s\",\"title\":\"%s\",\"status\":%d,\"detail\":%s}"
                .formatted(slug, title, status.value(), quoted(detail)));
  }

  private static String quoted(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  /** The request as its endpoint sees it: the unpacked body, with no Content-Encoding left. */
  private static final class Unpacked extends HttpServletRequestWrapper {
    private final byte[] body;

    Unpacked(HttpServletRequest request, byte[] body) {
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
          throw new UnsupportedOperationException("the unpacked body is read blocking");
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(
          new java.io.InputStreamReader(
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

    @Override
    public @Nullable String getHeader(String name) {
      if (HttpHeaders.CONTENT_ENCODING.equalsIgnoreCase(name)) {
        return null;
      }
      if (HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
        return String.valueOf(body.length);
      }
      return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      if (HttpHeaders.CONTENT_ENCODING.equalsIgnoreCase(name)) {
        return Collections.emptyEnumeration();
      }
      if (HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
        return Collections.enumeration(java.util.List.of(String.valueOf(body.length)));
      }
      return super.getHeaders(name);
    }
  }
}
