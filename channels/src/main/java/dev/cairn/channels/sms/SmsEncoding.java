package dev.cairn.channels.sms;

/**
 * How a text travels as SMS: the alphabet it needs and how many segments (billed messages) it
 * takes. GSM-7 fits 160 characters in one message, 153 per segment when split; anything outside GSM
 * 03.38 forces UCS-2 for the whole text: 70, then 67 per segment.
 *
 * @param units septets for GSM-7 (an extension-table character counts two), UTF-16 code units for
 *     UCS-2 (an emoji outside the basic plane counts two)
 */
public record SmsEncoding(Alphabet alphabet, int units, int segments) {

  /** The two alphabets a text message can be sent in. */
  public enum Alphabet {
    GSM_7(160, 153),
    UCS_2(70, 67);

    private final int single;
    private final int perSegment;

    Alphabet(int single, int perSegment) {
      this.single = single;
      this.perSegment = perSegment;
    }

    /** Units that fit a message sent as one segment. */
    public int single() {
      return single;
    }

    /** Units that fit each segment of a split message (the rest is the concatenation header). */
    public int perSegment() {
      return perSegment;
    }
  }

  // GSM 03.38 default alphabet (without the escape to the extension table) and its extension table.
  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String EXTENSION = "\f^{}\\[~]|€";

  public SmsEncoding {
    if (units < 0 || segments < 0) {
      throw new IllegalArgumentException("units and segments cannot be negative");
    }
  }

  /** The alphabet the text needs and the segments it takes; an empty text takes none. */
  public static SmsEncoding of(String text) {
    Alphabet alphabet =
        text.chars().allMatch(c -> BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0)
            ? Alphabet.GSM_7
            : Alphabet.UCS_2;
    int units = 0;
    int segments = 0;
    int inSegment = alphabet.perSegment(); // full: the first character opens the first segment
    int index = 0;
    while (index < text.length()) {
      int cost = cost(alphabet, text, index);
      units += cost;
      // A two-unit character (escape sequence, surrogate pair) is never split across segments.
      if (inSegment + cost > alphabet.perSegment()) {
        segments++;
        inSegment = 0;
      }
      inSegment += cost;
      index +=
          alphabet == Alphabet.UCS_2 ? cost : 1; // a UCS-2 unit is one char; a GSM escape is not
    }
    if (units <= alphabet.single()) {
      segments = units == 0 ? 0 : 1;
    }
    return new SmsEncoding(alphabet, units, segments);
  }

  private static int cost(Alphabet alphabet, String text, int index) {
    char c = text.charAt(index);
    return switch (alphabet) {
      case GSM_7 -> EXTENSION.indexOf(c) >= 0 ? 2 : 1;
      case UCS_2 ->
          Character.isHighSurrogate(c)
                  && index + 1 < text.length()
                  && Character.isLowSurrogate(text.charAt(index + 1))
              ? 2
              : 1;
    };
  }
}
