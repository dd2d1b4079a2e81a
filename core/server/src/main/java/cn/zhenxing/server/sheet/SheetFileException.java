package cn.zhenxing.server.sheet;

/** The file as a whole cannot be read (not a spreadsheet, broken zip, missing columns); the message is for users. */
final class SheetFileException extends RuntimeException {
  SheetFileException(String message) {
    super(message, null, false, false);
  }
}
