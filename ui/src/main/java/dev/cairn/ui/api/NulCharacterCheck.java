package dev.cairn.ui.api;

import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every JSON body the API's controllers read is checked for NUL characters before the controller
 * sees it: one found is answered 400 naming the field (see {@link ApiExceptionAdvice}). The event
 * endpoints read their bodies themselves and check each call of a batch on its own.
 */
@ControllerAdvice(basePackageClasses = NulCharacterCheck.class)
class NulCharacterCheck extends RequestBodyAdviceAdapter {

  private final JsonMapper json;

  NulCharacterCheck(JsonMapper json) {
    this.json = json;
  }

  @Override
  public boolean supports(
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return targetType == JsonNode.class || targetType == String.class;
  }

  @Override
  public Object afterBodyRead(
      Object body,
      HttpInputMessage inputMessage,
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    JsonNode root = body instanceof JsonNode node ? node : parsed(body);
    if (root != null) {
      NulCharacters.find(root)
          .ifPresent(
              error -> {
                throw new NulCharacterFound(error);
              });
    }
    return body;
  }

  /** A String body as JSON; null when it is not JSON, which its controller answers. */
  private @org.jspecify.annotations.Nullable JsonNode parsed(Object body) {
    if (!(body instanceof String text) || text.indexOf("\\u0000") < 0 && text.indexOf('\0') < 0) {
      return null;
    }
    try {
      return json.readTree(text);
    } catch (JacksonException e) {
      return null;
    }
  }

  /** A body holding a NUL character: answered 400 with the field, never stored. */
  static final class NulCharacterFound extends RuntimeException {
    private final FieldError error;

    NulCharacterFound(FieldError error) {
      super(error.field() + " " + error.message(), null, false, false);
      this.error = error;
    }

    FieldError error() {
      return error;
    }
  }
}
