package cn.zhenxing.sdk.sheet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A register a plugin offers as a spreadsheet (监测户花名册, 务工人员台账 …): its columns and natural key. Immutable;
 * build it with {@link #of} and {@link #column}:
 *
 * <pre>
 *   SheetSpec households = SheetSpec.of("households", "监测户")
 *       .column(Column.text("name", "户主姓名").required().maxLength(50))
 *       .column(Column.idCard("idNumber", "身份证号").required())
 *       .column(Column.text("category", "户类型").required().dictionary("脱贫不稳定户", "边缘易致贫户"))
 *       .column(Column.date("identifiedOn", "识别日期"))
 *       .naturalKey("idNumber");
 * </pre>
 *
 * <p>The {@link #name()} is the URL segment ({@code /sheets/households/...}) and the audit object type.
 */
public final class SheetSpec {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,40}");

  private final String name;
  private final String title;
  private final List<Column> columns;
  private final List<String> naturalKey;
  private final String revealPermission;
  private final List<SheetCheck> checks;

  private SheetSpec(String name, String title, List<Column> columns, List<String> naturalKey,
      String revealPermission, List<SheetCheck> checks) {
    this.name = name;
    this.title = title;
    this.columns = List.copyOf(columns);
    this.naturalKey = List.copyOf(naturalKey);
    this.revealPermission = revealPermission;
    this.checks = List.copyOf(checks);
  }

  /**
   * @param name  the register's id: lower case letters, digits, {@code -} ({@code households})
   * @param title its Chinese name, used as the sheet name and file name ({@code 监测户})
   */
  public static SheetSpec of(String name, String title) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("register name must be lower case letters, digits and '-': " + name);
    }
    if (title.isBlank() || title.length() > 31 || title.matches(".*[\\\\/?*\\[\\]:].*")) {
      throw new IllegalArgumentException("register title must be 1-31 characters without \\ / ? * [ ] : " + title);
    }
    return new SheetSpec(name, title.strip(), List.of(), List.of(), null, List.of());
  }

  /** Adds a column (in the order the template shows them). Keys and headers must be unique. */
  public SheetSpec column(Column column) {
    Objects.requireNonNull(column, "column");
    for (Column c : columns) {
      if (c.key().equals(column.key()) || c.header().equals(column.header())) {
        throw new IllegalArgumentException("duplicate column " + column.key() + " / " + column.header());
      }
      if (c.type() == ColumnType.COUNTY && column.type() == ColumnType.COUNTY) {
        throw new IllegalArgumentException("a register has at most one county column");
      }
    }
    List<Column> more = new ArrayList<>(columns);
    more.add(column);
    return new SheetSpec(name, title, more, naturalKey, revealPermission, checks);
  }

  /**
   * The columns that identify a row: re-importing a row with the same natural key updates it rather than adding a
   * duplicate; two rows of one file with the same key are both reported. Required; not a {@link ColumnType#COUNTY}
   * column (every row has the import's county anyway). A sealed column's key is its blind index.
   */
  public SheetSpec naturalKey(String... keys) {
    List<String> list = List.of(keys);
    Set<String> known = new HashSet<>();
    columns.forEach(c -> known.add(c.key()));
    for (String k : list) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException("natural key " + k + " is not a column declared before it");
      }
      Column c = column(k).orElseThrow();
      if (!c.isRequired() || c.type() == ColumnType.COUNTY) {
        throw new IllegalArgumentException("natural key column " + k + " must be required and not the county");
      }
    }
    if (list.isEmpty() || Set.copyOf(list).size() != list.size()) {
      throw new IllegalArgumentException("a natural key needs distinct column keys");
    }
    return new SheetSpec(name, title, columns, list, revealPermission, checks);
  }

  /**
   * The permission that lets a caller export this register's ID-card and phone numbers in clear
   * ({@code .../export?reveal=true&reason=…}), as {@code ctx.permissions().declare(...)} answered it
   * ({@code households.reveal}). Without one, nobody can reveal on export.
   */
  public SheetSpec revealPermission(String permission) {
    Objects.requireNonNull(permission, "permission");
    if (permission.isBlank()) {
      throw new IllegalArgumentException("reveal permission must not be blank");
    }
    return new SheetSpec(name, title, columns, naturalKey, permission, checks);
  }

  /**
   * Adds a check of the staged rows against the plugin's own data (see {@link SheetCheck}); checks run in the order
   * added, and all of them run.
   */
  public SheetSpec check(SheetCheck check) {
    Objects.requireNonNull(check, "check");
    List<SheetCheck> list = new java.util.ArrayList<>(checks);
    list.add(check);
    return new SheetSpec(name, title, columns, naturalKey, revealPermission, list);
  }

  /** The plugin's checks of staged rows, in the order added. */
  public List<SheetCheck> checks() {
    return checks;
  }

  /** The permission to reveal sealed columns on export, if declared. */
  public Optional<String> revealPermission() {
    return Optional.ofNullable(revealPermission);
  }

  public String name() {
    return name;
  }

  public String title() {
    return title;
  }

  public List<Column> columns() {
    return columns;
  }

  /** The natural key's column keys; empty until declared. */
  public List<String> naturalKeyColumns() {
    return naturalKey;
  }

  public Optional<Column> column(String key) {
    return columns.stream().filter(c -> c.key().equals(key)).findFirst();
  }

  /** Checks the spec is complete (the host calls it when the plugin registers it). */
  public SheetSpec validate() {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("register " + name + " declares no columns");
    }
    if (naturalKey.isEmpty()) {
      throw new IllegalArgumentException("register " + name + " declares no natural key");
    }
    return this;
  }

  @Override
  public String toString() {
    return "SheetSpec[" + name + " " + title + " " + columns.size() + " columns, key " + naturalKey + "]";
  }
}
