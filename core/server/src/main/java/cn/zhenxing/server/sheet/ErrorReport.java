package cn.zhenxing.server.sheet;

import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The rejected rows of an import as an {@code .xlsx}: the row number, an error column, then the row as it was read,
 * so the user can fix the rows and import them again. Streams from the job's error file.
 */
final class ErrorReport {

  private ErrorReport() {
  }

  static void write(SheetSpec spec, Path errorFile, OutputStream out) throws IOException {
    Workbook wb = new Workbook(out, "Zhenxing", "1.0");
    Worksheet ws = wb.newWorksheet("错误行");
    ws.value(0, 0, "行号 / Row");
    ws.value(0, 1, "错误说明 / Errors");
    for (int c = 0; c < spec.columns().size(); c++) {
      Column column = spec.columns().get(c);
      ws.value(0, c + 2, column.header());
    }
    ws.range(0, 0, 0, spec.columns().size() + 1).style().bold().fillColor("DDEBF7").set();
    ws.width(1, 60);
    int r = 1;
    if (Files.exists(errorFile)) {
      try (BufferedReader lines = Files.newBufferedReader(errorFile, StandardCharsets.UTF_8)) {
        String line;
        while ((line = lines.readLine()) != null) {
          JsonObject e = new JsonObject(line);
          ws.value(r, 0, e.getInteger("row"));
          ws.value(r, 1, String.join("；", e.getJsonArray("errors").stream().map(String::valueOf).toList()));
          ws.style(r, 1).fontColor("C00000").set();
          JsonArray cells = e.getJsonArray("cells");
          for (int c = 0; c < cells.size(); c++) {
            ws.value(r, c + 2, cells.getString(c));
          }
          r++;
          if (r % 10_000 == 0) {
            ws.flush();
          }
        }
      }
    }
    wb.finish();
  }
}
