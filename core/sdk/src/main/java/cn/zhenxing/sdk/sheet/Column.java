package cn.zhenxing.sdk.sheet;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column of a register's spreadsheet, declared once by the plugin; immutable (every {@code with}-style method
 * answers a new column). The user sees {@link #header()} (Chinese) in templates, imports, error reports and exports;
 * the code and the staging table use {@link #key()} (English, camelCase).
 *
 * <pre>
 *   Column.text("category", "户类型").required().dictionary("脱贫不稳定户", "边缘易致贫户", "突发严重困难户")
 *   Column.idCard("idNumber", "身份证号").required().note("18 位，末位可为 X")
 *   Column.decimal("income", "人均纯收入（元）").format("0.00").example("8650.00")
 * </pre>
 */
public final class Column {

  private static final Pattern KEY = Pattern.compile("[a-z][a-zA-Z0-9]{0,40}");

  private final String key;
  private final String header;
  private final ColumnType type;
  private final boolean required;
  private final List<String> dictionary;
  private final String format;
  private final int maxLength;
  private final boolean maskedOnExport;
  private final String note;
  private final String example;
  private final boolean indexOnly;

  private Column(String key, String header, ColumnType type, boolean required, List<String> dictionary,
      String format, int maxLength, boolean maskedOnExport, String note, String example, boolean indexOnly) {
    this.key = key;
    this.header = header;
    this.type = type;
    this.required = required;
    this.dictionary = List.copyOf(dictionary);
    this.format = format;
    this.maxLength = maxLength;
    this.maskedOnExport = maskedOnExport;
    this.note = note;
    this.example = example;
    this.indexOnly = indexOnly;
  }

  /**
   * A column of any type.
   *
   * @param key    English key, camelCase ({@code idNumber}); its snake_case form ({@code id_number}) names the staging
   *               column
   * @param header the Chinese header the user sees ({@code 身份证号}); a {@code *} the user adds is ignored on import
   */
  public static Column of(String key, String header, ColumnType type) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(type, "type");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("column key must be camelCase letters and digits: " + key);
    }
    if (header.isBlank()) {
      throw new IllegalArgumentException("column " + key + " needs a header");
    }
    return new Column(key, header.strip(), type, false, List.of(), null, 0, type.sealed(), null, null, false);
  }

  public static Column text(String key, String header) {
    return of(key, header, ColumnType.TEXT);
  }

  public static Column integer(String key, String header) {
    return of(key, header, ColumnType.INTEGER);
  }

  public static Column decimal(String key, String header) {
    return of(key, header, ColumnType.DECIMAL);
  }

  public static Column date(String key, String header) {
    return of(key, header, ColumnType.DATE);
  }

  public static Column bool(String key, String header) {
    return of(key, header, ColumnType.BOOLEAN);
  }

  public static Column idCard(String key, String header) {
    return of(key, header, ColumnType.ID_CARD);
  }

  public static Column phone(String key, String header) {
    return of(key, header, ColumnType.PHONE);
  }

  public static Column county(String key, String header) {
    return of(key, header, ColumnType.COUNTY);
  }

  /** A value is required in every row. */
  public Column required() {
    return new Column(key, header, type, true, dictionary, format, maxLength, maskedOnExport, note, example, indexOnly);
  }

  /** The only values allowed (a {@link ColumnType#TEXT} column); the template offers them as a dropdown. */
  public Column dictionary(String... allowed) {
    if (type != ColumnType.TEXT) {
      throw new IllegalArgumentException("only text columns have a dictionary: " + key);
    }
    List<String> values = List.of(allowed).stream().map(String::strip).toList();
    if (values.isEmpty() || values.stream().anyMatch(String::isEmpty) || values.stream().distinct().count()
        != values.size()) {
      throw new IllegalArgumentException("a dictionary needs distinct, non-blank values: " + key);
    }
    return new Column(key, header, type, required, values, format, maxLength, maskedOnExport, note, example, indexOnly);
  }

  /** The Excel number format of the column in templates and exports ({@code 0.00}, {@code yyyy-mm-dd}, {@code @}). */
  public Column format(String excelFormat) {
    return new Column(key, header, type, required, dictionary, excelFormat, maxLength, maskedOnExport, note,
        example, indexOnly);
  }

  /** The longest text accepted, in characters (0: no limit). */
  public Column maxLength(int characters) {
    if (characters < 0) {
      throw new IllegalArgumentException("maxLength");
    }
    return new Column(key, header, type, required, dictionary, format, characters, maskedOnExport,
        note, example, indexOnly);
  }

  /** Whether exports mask the value unless the caller may reveal it (default: true for ID-card and phone columns). */
  public Column maskedOnExport(boolean masked) {
    return new Column(key, header, type, required, dictionary, format, maxLength, masked, note, example, indexOnly);
  }

  /** What the column means and how to fill it in, shown on the template's notes sheet. */
  public Column note(String text) {
    return new Column(key, header, type, required, dictionary, format, maxLength, maskedOnExport,
        text, example, indexOnly);
  }

  /** The value of the template's example row (otherwise one is made up from the type). */
  public Column example(String value) {
    return new Column(key, header, type, required, dictionary, format, maxLength, maskedOnExport,
        note, value, indexOnly);
  }

  /**
   * An ID-card or phone column kept only as its blind index and masked form, never encrypted: for numbers that are
   * matched against the register and never read back (a department's comparison file). The staging table's
   * {@code <name>_cipher} column is then null; the column cannot be exported unmasked.
   */
  public Column indexOnly() {
    if (!type.sealed()) {
      throw new IllegalArgumentException("only ID-card and phone columns are sealed: " + key);
    }
    return new Column(key, header, type, required, dictionary, format, maxLength, maskedOnExport, note, example, true);
  }

  public boolean isIndexOnly() {
    return indexOnly;
  }

  public String key() {
    return key;
  }

  public String header() {
    return header;
  }

  public ColumnType type() {
    return type;
  }

  public boolean isRequired() {
    return required;
  }

  /** The allowed values; empty when any value is allowed. */
  public List<String> allowedValues() {
    return dictionary;
  }

  /** The Excel number format, or null. */
  public String excelFormat() {
    return format;
  }

  /** The longest text accepted (0: no limit). */
  public int maxChars() {
    return maxLength;
  }

  public boolean isMaskedOnExport() {
    return maskedOnExport;
  }

  /** The note, or null. */
  public String noteText() {
    return note;
  }

  /** The example value, or null. */
  public String exampleValue() {
    return example;
  }

  /** The column's name in the staging table: the key in snake_case ({@code idNumber} → {@code id_number}). */
  public String sqlName() {
    return key.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return "Column[" + key + " " + header + " " + type + (required ? " required" : "") + "]";
  }
}
