package cn.zhenxing.server.sheet;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.personal.Sealed;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.ColumnType;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.sdk.sheet.StagedRows;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The staging table of one import: its DDL, its {@code COPY} statement and the text-format lines COPY reads. It is
 * an ordinary unlogged table in the plugin's schema (not a temporary table: the COPY runs on a JDBC connection, the
 * merge on the reactive pool), named after the job and dropped when the job ends.
 */
final class Staging implements StagedRows {

  private final SheetSpec spec;
  private final String schema;
  private final String name;
  private final County county;
  private long rows;

  Staging(SheetSpec spec, String schema, String jobId, County county) {
    if (!schema.matches("[a-z][a-z0-9_]*") || !jobId.matches("[a-f0-9]+")) {
      throw new IllegalArgumentException("unsafe identifier");
    }
    this.spec = spec;
    this.schema = schema;
    this.name = "zx_stage_" + jobId;
    this.county = county;
  }

  /** The staging columns: row number, county, then per declared column one (or three for sealed ones). */
  List<String> columnNames() {
    List<String> names = new ArrayList<>(List.of("row_no", "county_code"));
    for (Column c : spec.columns()) {
      if (c.type() == ColumnType.COUNTY) {
        continue;
      }
      if (c.type().sealed()) {
        names.add(c.sqlName() + "_cipher");
        names.add(c.sqlName() + "_index");
        names.add(c.sqlName() + "_masked");
      } else {
        names.add(c.sqlName());
      }
    }
    return names;
  }

  String createSql() {
    StringBuilder sql = new StringBuilder("CREATE UNLOGGED TABLE ").append(table())
        .append(" (row_no integer NOT NULL, county_code text NOT NULL");
    for (Column c : spec.columns()) {
      if (c.type() == ColumnType.COUNTY) {
        continue;
      }
      if (c.type().sealed()) {
        sql.append(", ").append(c.sqlName()).append("_cipher text, ").append(c.sqlName()).append("_index text, ")
            .append(c.sqlName()).append("_masked text");
      } else {
        sql.append(", ").append(c.sqlName()).append(' ').append(c.type().sqlType());
      }
    }
    return sql.append(')').toString();
  }

  String copySql() {
    return "COPY " + table() + " (" + String.join(", ", columnNames()) + ") FROM STDIN";
  }

  String dropSql() {
    return "DROP TABLE IF EXISTS " + table();
  }

  /** The natural key's staging columns (a sealed column's blind index). */
  List<String> keyColumns() {
    List<String> keys = new ArrayList<>();
    for (String key : spec.naturalKeyColumns()) {
      Column c = spec.column(key).orElseThrow();
      keys.add(c.type().sealed() ? c.sqlName() + "_index" : c.sqlName());
    }
    return keys;
  }

  /** One row as a line of COPY's text format. */
  void appendLine(StringBuilder out, RowValidator.Valid row) {
    CopyBuffer line = new CopyBuffer(256);
    appendLine(line, row);
    out.append(new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8));
  }

  /** One row as a line of COPY's text format, UTF-8 encoded. */
  void appendLine(CopyBuffer out, RowValidator.Valid row) {
    out.number(row.rowNo()).ascii('\t').field(county.code());
    Object[] values = row.values();
    List<Column> columns = spec.columns();
    for (int i = 0; i < values.length; i++) {
      Column c = columns.get(i);
      if (c.type() == ColumnType.COUNTY) {
        continue;
      }
      Object v = values[i];
      if (c.type().sealed()) {
        Sealed s = (Sealed) v;
        out.ascii('\t').field(s == null ? null : s.cipher());
        out.ascii('\t').field(s == null ? null : s.blindIndex());
        out.ascii('\t').field(s == null ? null : s.masked());
      } else {
        out.ascii('\t').field(v == null ? null : v instanceof BigDecimal d ? d.toPlainString()
            : v instanceof LocalDate d ? d.toString() : String.valueOf(v));
      }
    }
    out.ascii('\n');
  }

  /** Counts rows written to the table (by whoever writes the encoded lines to COPY). */
  void staged(long count) {
    rows += count;
  }

  @Override
  public String table() {
    return schema + "." + name;
  }

  @Override
  public County county() {
    return county;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public String column(String key) {
    Column c = declared(key);
    if (c.type().sealed() || c.type() == ColumnType.COUNTY) {
      throw new IllegalArgumentException(key + " is sealed or the county: use cipher/index/masked or county_code");
    }
    return c.sqlName();
  }

  @Override
  public String cipher(String key) {
    return sealed(key) + "_cipher";
  }

  @Override
  public String index(String key) {
    return sealed(key) + "_index";
  }

  @Override
  public String masked(String key) {
    return sealed(key) + "_masked";
  }

  private String sealed(String key) {
    Column c = declared(key);
    if (!c.type().sealed()) {
      throw new IllegalArgumentException(key + " is not a sealed column");
    }
    return c.sqlName();
  }

  private Column declared(String key) {
    return spec.column(key).orElseThrow(() -> new IllegalArgumentException("no column " + key));
  }
}
